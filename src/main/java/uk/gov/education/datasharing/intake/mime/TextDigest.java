package uk.gov.education.datasharing.intake.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;

import uk.gov.education.datasharing.intake.io.Deadline;
import uk.gov.education.datasharing.intake.model.Sha256;

/**
 * The SHA-256 of a message text as a reader sees it, not as it was encoded: decoded from its transfer encoding and
 * charset, line endings as LF, without white space at the ends of lines or blank lines at the end. So a text that a
 * mail server re-encoded (quoted-printable for 8bit, another charset, CRLF for LF) hashes the same (docs/adr/0025).
 * Streams: holds at most {@link #MAX_PENDING} characters of pending white space.
 */
final class TextDigest {

    /** White space held back at most, waiting to see whether the line ends; more is hashed as it is. */
    static final int MAX_PENDING = 4_096;

    private final MessageDigest digest = Sha256.newDigest();
    /** Text waiting to be hashed, in blocks: a character pair (outside the BMP) is encoded whole. */
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder pendingSpace = new StringBuilder();
    private int pendingLines;
    private boolean started;
    private boolean afterCr;

    private TextDigest() {
    }

    /** The digest of a text part's content; of its raw decoded bytes when its charset is unknown here. */
    static String of(Part part) throws IOException, MessagingException {
        Charset charset = charset(part);
        TextDigest text = new TextDigest();
        try (InputStream in = part.getInputStream(); Reader reader = new InputStreamReader(in, charset)) {
            char[] buffer = new char[8_192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                Deadline.check();
                for (int i = 0; i < n; i++) {
                    text.accept(buffer[i]);
                }
            }
        }
        return text.finish();
    }

    /** The digest of characters as given, normalised as above (for tests of the normalisation). */
    static String of(CharSequence chars) {
        TextDigest text = new TextDigest();
        for (int i = 0; i < chars.length(); i++) {
            text.accept(chars.charAt(i));
        }
        return text.finish();
    }

    private static Charset charset(Part part) {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            return name == null ? StandardCharsets.US_ASCII : Charset.forName(MimeUtility.javaCharset(name));
        } catch (MessagingException | RuntimeException e) {
            return StandardCharsets.ISO_8859_1; // every byte one character: the text hashes as its bytes
        }
    }

    private void accept(char c) {
        if (c == '\n' && afterCr) {
            afterCr = false;
            return; // the LF of a CRLF, already counted
        }
        afterCr = c == '\r';
        if (c == '\r' || c == '\n') {
            pendingSpace.setLength(0); // white space before a line end
            pendingLines++;
        } else if (c == ' ' || c == '\t') {
            if (pendingSpace.length() >= MAX_PENDING) {
                flushLines();
                write(pendingSpace);
                pendingSpace.setLength(0);
            }
            pendingSpace.append(c);
        } else {
            flushLines();
            write(pendingSpace);
            pendingSpace.setLength(0);
            write(c);
            started = true;
        }
    }

    /** Line ends seen before more text: kept, except blank lines before the first text. */
    private void flushLines() {
        if (started) {
            for (; pendingLines > 0; pendingLines--) {
                write('\n');
            }
        }
        pendingLines = 0;
    }

    private void write(CharSequence chars) {
        out.append(chars);
        if (out.length() >= 8_192 && !Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            flush();
        }
    }

    private void write(char c) {
        out.append(c);
        if (out.length() >= 8_192 && !Character.isHighSurrogate(c)) {
            flush();
        }
    }

    private void flush() {
        digest.update(out.toString().getBytes(StandardCharsets.UTF_8));
        out.setLength(0);
    }

    /** What was read, less the white space and line ends still pending at its end. */
    private String finish() {
        flush();
        return Sha256.hex(digest);
    }
}
