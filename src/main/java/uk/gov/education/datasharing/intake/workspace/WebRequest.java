package uk.gov.education.datasharing.intake.workspace;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as the workspace's pages see it: method, path, query and form fields (decoded, bounded by the server),
 * the signed-in session when there is one, and where it came from.
 */
public record WebRequest(String method, String path, String rawQuery, Map<String, List<String>> query, Map<String, List<String>> form,
                         Sessions.Session session, String remote) {

    public static final int MAX_FIELDS = 100;

    /** The first value of a query parameter, or "". */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** The first value of a form field, or "". */
    public String field(String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    public StaffUser user() {
        return session == null ? null : session.user();
    }

    /** Decodes {@code a=1&b=2} (query strings and urlencoded forms), at most {@link #MAX_FIELDS} fields. */
    public static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        int count = 0;
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty() || ++count > MAX_FIELDS) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodePart(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodePart(pair.substring(eq + 1));
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String decodePart(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
