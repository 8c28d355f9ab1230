package uk.gov.education.datasharing.intake.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.google.re2j.Pattern;

/**
 * Static files, all from the class path: GOV.UK Frontend from its WebJar (its stylesheet asks for fonts and images under
 * {@code /assets/}), OpenPGP.js with its licence, and the workspace's own scripts and styles. Only names on a short list of folders and characters are
 * served; nothing is read from the file system.
 */
final class Assets {

    private static final String GOVUK = "/META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk/";
    private static final Pattern NAME = Pattern.compile("/assets/(fonts/|images/|openpgp/|openpgp/dist/)?[a-zA-Z0-9][a-zA-Z0-9.-]{0,80}");
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "woff2", "font/woff2", "woff", "font/woff", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "json", "application/json", "mjs", "text/javascript; charset=utf-8");

    private final Map<String, Optional<WebResponse>> cache = new ConcurrentHashMap<>();

    Optional<WebResponse> serve(String path) {
        if (!NAME.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        Optional<WebResponse> cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        Optional<WebResponse> loaded = load(path);
        if (loaded.isPresent()) {
            cache.put(path, loaded); // only what exists: names that are not there cannot grow the cache
        }
        return loaded;
    }

    private static Optional<WebResponse> load(String path) {
        String name = path.substring("/assets/".length());
        String type = name.equals("openpgp/LICENSE") ? "text/plain; charset=utf-8" : TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        String resource = name.startsWith("workspace") || name.startsWith("openpgp/") ? "/workspace/assets/" + name
                : name.startsWith("fonts/") || name.startsWith("images/") ? GOVUK + "assets/" + name : GOVUK + name;
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(WebResponse.bytes(type, in.readAllBytes()).header("Cache-Control", "public, max-age=3600"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
