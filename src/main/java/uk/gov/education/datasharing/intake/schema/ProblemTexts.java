package uk.gov.education.datasharing.intake.schema;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;

/**
 * What applicants read for each problem, from {@code schemas/problems.yaml}: a message and a fix per
 * code, as Mustache templates. Built once at start-up, where a missing code, a missing variant or a value
 * the code does not have stops the gateway; rendering then cannot fail.
 */
public final class ProblemTexts {

    /** Plain text: replies escape for HTML themselves; a value the code does not name is an error. */
    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).strictSections(true).emptyStringIsFalse(true);

    private record Texts(Map<String, Template> messages, Template fix) {
    }

    private final Map<ProblemCode, Texts> texts;

    private ProblemTexts(Map<ProblemCode, Texts> texts) {
        this.texts = texts;
    }

    /** The parsed problems.yaml: code to {message, fix}; a message may be a map of variants. */
    static ProblemTexts from(Map<String, Object> yaml, LineFinder lines) {
        String file = Schemas.PROBLEMS;
        for (String code : yaml.keySet()) {
            if (ProblemCode.find(code).isEmpty()) {
                throw new SchemaException(file, lines.of(code), code, "not a problem code the gateway reports");
            }
        }
        Map<ProblemCode, Texts> texts = new EnumMap<>(ProblemCode.class);
        for (ProblemCode code : ProblemCode.values()) {
            int line = lines.of(code.name());
            if (!(yaml.get(code.name()) instanceof Map<?, ?> entry)) {
                throw new SchemaException(file, line, code.name(), yaml.containsKey(code.name()) ? "needs a message and a fix"
                        : "no text for this problem");
            }
            for (Object key : entry.keySet()) {
                if (!"message".equals(key) && !"fix".equals(key)) {
                    throw new SchemaException(file, line, code.name() + "." + key, "unknown key (message and fix only)");
                }
            }
            Map<String, Template> messages = messages(code, entry.get("message"), line);
            Object fix = entry.get("fix");
            if (!(fix instanceof String)) {
                throw new SchemaException(file, line, code.name() + ".fix", fix == null ? "missing (use \"\" for none)" : "must be text");
            }
            texts.put(code, new Texts(messages, compile(code, code.name() + ".fix", (String) fix, line)));
        }
        return new ProblemTexts(texts);
    }

    private static Map<String, Template> messages(ProblemCode code, Object message, int line) {
        String field = code.name() + ".message";
        Map<String, Template> messages = new LinkedHashMap<>();
        if (code.variants().isEmpty()) {
            if (!(message instanceof String text) || text.isBlank()) {
                throw new SchemaException(Schemas.PROBLEMS, line, field, "missing or not text");
            }
            messages.put("", compile(code, field, text, line));
            return messages;
        }
        if (!(message instanceof Map<?, ?> variants)) {
            throw new SchemaException(Schemas.PROBLEMS, line, field, "needs one text for each of " + code.variants());
        }
        for (String variant : code.variants()) {
            if (!(variants.get(variant) instanceof String text) || text.isBlank()) {
                throw new SchemaException(Schemas.PROBLEMS, line, field + "." + variant, "missing or not text");
            }
            messages.put(variant, compile(code, field + "." + variant, text, line));
        }
        return messages;
    }

    /** Compiles a text and renders it once with every value the code has, so an unknown name fails here. */
    private static Template compile(ProblemCode code, String field, String text, int line) {
        try {
            Template template = COMPILER.compile(text);
            template.execute(sample(code));
            return template;
        } catch (MustacheException e) {
            throw new SchemaException(Schemas.PROBLEMS, line, field,
                    "uses a value this problem does not have (it has " + String.join(", ", allValues(code)) + ")");
        }
    }

    private static Map<String, Object> sample(ProblemCode code) {
        Map<String, Object> values = new HashMap<>();
        allValues(code).forEach(v -> values.put(v, "x"));
        return values;
    }

    private static java.util.List<String> allValues(ProblemCode code) {
        java.util.List<String> all = new java.util.ArrayList<>(ProblemCode.ALWAYS);
        all.addAll(code.wordingValues());
        return all;
    }

    /** The problem worded for people. */
    public Defect render(Problem problem) {
        Texts t = texts.get(problem.code());
        Map<String, Object> values = new HashMap<>();
        problem.code().wordingValues().forEach(v -> values.put(v, ""));
        values.putAll(problem.values());
        values.put("document", problem.document());
        values.put("location", problem.location());
        values.put("found", problem.found());
        Template message = t.messages().getOrDefault(problem.variant(), t.messages().values().iterator().next());
        return new Defect(problem.code().name(), problem.severity(), problem.document(), problem.location(), problem.found(),
                message.execute(values), t.fix().execute(values));
    }

    /** Finds the line a key is defined on, for messages about problems found after parsing. */
    @FunctionalInterface
    interface LineFinder {
        int of(String key);
    }
}
