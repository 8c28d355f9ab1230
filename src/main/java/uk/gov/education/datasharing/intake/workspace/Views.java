package uk.gov.education.datasharing.intake.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The workspace's pages: Mustache templates from {@code /workspace/} on the class path, every value HTML-escaped
 * (only the layout's {@code content}, itself a rendered template, is inserted as it is), inside one GOV.UK layout.
 */
public final class Views {

    /** A field's error: the error summary links to the field's id. */
    public record FieldError(String field, String message) {
    }

    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true).defaultValue("").emptyStringIsFalse(true);
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    /** A whole page: {@code body} rendered with {@code model}, inside the layout with the session's navigation. */
    public String page(String title, String body, Map<String, Object> model, Sessions.Session session, List<FieldError> errors,
                       String nav) {
        Map<String, Object> layout = new HashMap<>();
        layout.put("title", title);
        layout.put("content", render(body, model));
        layout.put("hasErrors", !errors.isEmpty());
        layout.put("errors", errors);
        if (session != null) {
            StaffUser user = session.user();
            layout.put("user", user.displayName());
            layout.put("team", user.is(StaffUser.Role.TEAM));
            layout.put("csrf", session.csrf());
            layout.put("flash", session.takeFlash());
        }
        if (nav != null) {
            layout.put(nav, true);
        }
        return render("layout", layout);
    }

    String render(String name, Object model) {
        return templates.computeIfAbsent(name, this::compile).execute(model);
    }

    private Template compile(String name) {
        try (InputStream in = Views.class.getResourceAsStream("/workspace/" + name + ".mustache")) {
            if (in == null) {
                throw new IllegalStateException("no template " + name);
            }
            return compiler.compile(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
