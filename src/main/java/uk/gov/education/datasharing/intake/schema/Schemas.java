package uk.gov.education.datasharing.intake.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.PatternSyntaxException;

/**
 * Everything in {@code schemas/}, parsed once into typed objects: the application form, the security
 * questionnaire, dataset routing, the data-table layout, rule parameters, the data-item catalogues and
 * the wording of every problem.
 * A file that does not parse, or that contradicts itself, stops start-up with the file, line and field.
 */
public record Schemas(FormSchema applicationForm, FormSchema questionnaire, Routing routing, DataTableLayout dataTables,
                      RuleParameters rules, Map<String, Catalogue> catalogues, ProblemTexts problems) {

    public static final String APPLICATION_FORM = "application-form.yaml";
    public static final String QUESTIONNAIRE = "security-questionnaire.yaml";
    public static final String ROUTING = "routing.yaml";
    public static final String DATA_TABLES = "data-tables.yaml";
    public static final String RULES = "rules.yaml";
    public static final String PROBLEMS = "problems.yaml";
    public static final String CATALOGUES = "catalogues";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public Schemas {
        catalogues = Map.copyOf(catalogues);
    }

    public Optional<Catalogue> catalogue(String source) {
        return Optional.ofNullable(catalogues.get(source.toUpperCase(Locale.ROOT)));
    }

    public static Schemas load(Path dir) {
        FormSchema form = read(dir, APPLICATION_FORM, FormSchema.class);
        check(dir, APPLICATION_FORM, form);
        FormSchema questionnaire = read(dir, QUESTIONNAIRE, FormSchema.class);
        check(dir, QUESTIONNAIRE, questionnaire);
        Routing routing = read(dir, ROUTING, Routing.class);
        for (Routing.Dataset d : routing.datasets()) {
            if (d.id() == null || d.route() == null) {
                throw new SchemaException(ROUTING, 0, "datasets", "every dataset needs an id and a route");
            }
            if (!d.route().equals(Routing.DFE) && !routing.redirects().containsKey(d.route())) {
                throw new SchemaException(ROUTING, lineOf(dir, ROUTING, d.id()), d.id(), "route '" + d.route() + "' has no redirect");
            }
        }
        DataTableLayout tables = read(dir, DATA_TABLES, DataTableLayout.class);
        try {
            com.google.re2j.Pattern.compile(java.util.Objects.requireNonNull(tables.aliasHeader()));
        } catch (PatternSyntaxException | NullPointerException e) {
            throw new SchemaException(DATA_TABLES, lineOf(dir, DATA_TABLES, "alias-header"), "alias-header", "not a regular expression");
        }
        for (String key : List.of(DataTableLayout.ALIAS, DataTableLayout.REQUIRED, DataTableLayout.YEARS_REQUIRED)) {
            if (!tables.columns().containsKey(key)) {
                throw new SchemaException(DATA_TABLES, lineOf(dir, DATA_TABLES, "columns"), "columns." + key, "missing");
            }
        }
        RuleParameters rules = read(dir, RULES, RuleParameters.class);
        if (rules.dataNeededMaxMonthsAhead() <= 0) {
            throw new SchemaException(RULES, lineOf(dir, RULES, "data-needed-max-months-ahead"), "data-needed-max-months-ahead",
                    "missing or not positive");
        }
        if (rules.listBeforeGrouping() <= 0) {
            throw new SchemaException(RULES, lineOf(dir, RULES, "list-before-grouping"), "list-before-grouping", "missing or not positive");
        }
        SchemaContract.check(form, rules, routing, key -> lineOf(dir, RULES, key), key -> lineOf(dir, ROUTING, key));
        @SuppressWarnings("unchecked")
        Map<String, Object> problems = read(dir, PROBLEMS, Map.class);
        ProblemTexts texts = ProblemTexts.from(problems, key -> lineOf(dir, PROBLEMS, key));
        return new Schemas(form, questionnaire, routing, tables, rules, catalogues(dir), texts);
    }

    private static Map<String, Catalogue> catalogues(Path dir) {
        Map<String, Catalogue> catalogues = new LinkedHashMap<>();
        Path folder = dir.resolve(CATALOGUES);
        if (!Files.isDirectory(folder)) {
            return catalogues;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.yaml")) {
            for (Path file : files) {
                String name = CATALOGUES + "/" + file.getFileName();
                Catalogue catalogue = read(dir, name, Catalogue.class);
                catalogues.put(catalogue.source().toUpperCase(Locale.ROOT), catalogue);
            }
        } catch (IOException e) {
            throw new SchemaException(CATALOGUES, 0, "", "cannot list: " + e.getClass().getSimpleName());
        }
        return catalogues;
    }

    private static <T> T read(Path dir, String name, Class<T> type) {
        Path file = dir.resolve(name);
        try {
            T value = YAML.readValue(Files.readString(file, StandardCharsets.UTF_8), type);
            if (value == null) {
                throw new SchemaException(name, 0, "", "empty");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new SchemaException(name, 0, "", "missing (in " + dir + ")");
        } catch (JsonMappingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            throw new SchemaException(name, line, field, firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new SchemaException(name, line, "", firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SchemaException(name, 0, "", "cannot read: " + e.getClass().getSimpleName());
        }
    }

    /** What Jackson cannot check: every field complete, ids unique, choices listed, conditions pointing at real fields. */
    private static void check(Path dir, String name, FormSchema form) {
        Set<String> ids = new HashSet<>();
        for (FormSchema.Field f : form.fields()) {
            if (f.id() == null || f.label() == null || f.type() == null) {
                String missing = f.id() == null ? "id" : f.label() == null ? "label" : "type";
                throw new SchemaException(name, f.id() == null ? 0 : lineOf(dir, name, f.id()), f.id() == null ? "" : f.id(),
                        missing + " is missing");
            }
            if (!ids.add(f.id())) {
                throw new SchemaException(name, lineOf(dir, name, f.id()), f.id(), "id used twice");
            }
            if (f.evidenceKind() != null && uk.gov.education.datasharing.intake.model.DocumentKind.fromId(f.evidenceKind()).isEmpty()) {
                throw new SchemaException(name, lineOf(dir, name, f.id()), f.id() + ".evidence-kind", "not a document kind: " + f.evidenceKind());
            }
            if ((f.type() == FieldType.CHOICE || f.type() == FieldType.MULTI_CHOICE) && f.values().isEmpty()) {
                throw new SchemaException(name, lineOf(dir, name, f.id()), f.id() + ".values", "a choice needs values");
            }
        }
        for (FormSchema.Field f : form.fields()) {
            for (String other : new String[] {f.requiredWhen() == null ? null : f.requiredWhen().field(), f.explanation()}) {
                if (other != null && !ids.contains(other)) {
                    throw new SchemaException(name, lineOf(dir, name, f.id()), f.id(), "refers to unknown field '" + other + "'");
                }
            }
        }
    }

    /** The line where an id is defined, for messages about problems found after parsing. */
    private static int lineOf(Path dir, String name, String id) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
            Pattern defined = Pattern.compile("(^|[\\s{,])id\\s*:\\s*['\"]?" + Pattern.quote(id) + "['\"]?\\s*($|[,}])|^\\s*"
                    + Pattern.quote(id) + "\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                if (defined.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            // the line is a convenience
        }
        return 0;
    }

    private static String firstLine(String message) {
        String m = message == null ? "invalid" : message;
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
