package uk.gov.education.datasharing.intake;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A plain HTTP client that behaves like a browser where the workspace's tests need it to: it keeps the workspace's
 * cookies (including Secure ones, as browsers do on loopback) and follows redirects through the sign-in provider.
 */
final class WebClient {

    record Page(int status, URI uri, String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of("")).get(0);
        }

        /** The value of the first hidden CSRF field on the page. */
        String csrf() {
            Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no CSRF field on " + uri);
            }
            return m.group(1);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final URI base;

    WebClient(URI base) {
        this.base = base;
    }

    Page get(String path) throws Exception {
        return follow(HttpRequest.newBuilder(base.resolve(path)).GET(), 10);
    }

    Page post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 10);
    }

    /** The answer itself, without following a redirect. */
    HttpResponse<String> raw(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void forget(String name) {
        cookies.remove(name);
    }

    private Page follow(HttpRequest.Builder request, int hops) throws Exception {
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        if (status >= 300 && status < 400 && hops > 0) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            return follow(HttpRequest.newBuilder(next).GET(), hops - 1);
        }
        return new Page(status, response.uri(), response.body(), response.headers().map());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        URI uri = request.build().uri();
        if (uri.getPort() == base.getPort() && !cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (uri.getPort() == base.getPort()) {
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || set.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
        return response;
    }
}
