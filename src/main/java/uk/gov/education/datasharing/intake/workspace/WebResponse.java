package uk.gov.education.datasharing.intake.workspace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One answer: status, type, body, and any extra headers and cookies. */
public record WebResponse(int status, String contentType, byte[] body, Map<String, String> headers, List<String> cookies) {

    public static WebResponse html(int status, String html) {
        return new WebResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>(), new ArrayList<>());
    }

    /** A 303 to a path of the workspace (after a POST) or an absolute address (the sign-in provider). */
    public static WebResponse redirect(String location) {
        WebResponse r = new WebResponse(303, "text/plain; charset=utf-8", new byte[0], new LinkedHashMap<>(), new ArrayList<>());
        r.headers().put("Location", location);
        return r;
    }

    public static WebResponse bytes(String contentType, byte[] body) {
        return new WebResponse(200, contentType, body, new LinkedHashMap<>(), new ArrayList<>());
    }

    public WebResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public WebResponse cookie(String setCookie) {
        cookies.add(setCookie);
        return this;
    }
}
