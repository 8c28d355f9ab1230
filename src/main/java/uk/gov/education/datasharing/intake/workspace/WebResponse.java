package uk.gov.education.datasharing.intake.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One answer: status, type, a body (or a stream for large ones), and any extra headers and cookies. */
public record WebResponse(int status, String contentType, byte[] body, StreamBody stream, Map<String, String> headers, List<String> cookies) {

    /** A body written straight to the connection (an encrypted bundle), never held whole in memory. */
    @FunctionalInterface
    public interface StreamBody {
        void writeTo(OutputStream out) throws IOException;
    }

    public static WebResponse html(int status, String html) {
        return new WebResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), null, new LinkedHashMap<>(),
                new ArrayList<>());
    }

    /** A 303 to a path of the workspace (after a POST) or an absolute address (the sign-in provider). */
    public static WebResponse redirect(String location) {
        WebResponse r = new WebResponse(303, "text/plain; charset=utf-8", new byte[0], null, new LinkedHashMap<>(), new ArrayList<>());
        r.headers().put("Location", location);
        return r;
    }

    public static WebResponse bytes(String contentType, byte[] body) {
        return new WebResponse(200, contentType, body, null, new LinkedHashMap<>(), new ArrayList<>());
    }

    /** A download written as it is produced, saved by the browser under {@code fileName}. */
    public static WebResponse download(String contentType, String fileName, StreamBody stream) {
        WebResponse r = new WebResponse(200, contentType, new byte[0], stream, new LinkedHashMap<>(), new ArrayList<>());
        r.headers().put("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        return r;
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
