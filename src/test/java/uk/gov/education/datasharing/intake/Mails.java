package uk.gov.education.datasharing.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Builds raw RFC 5322 messages in code, exactly as a mail program would write them. */
public final class Mails {

    static final Session SESSION = Session.getInstance(new Properties());

    private Mails() {
    }

    /** A message with a text body and one base64 attachment per (name, bytes) pair. */
    public static String withAttachments(String from, String to, String subject, String body, Object... namesAndContents) {
        String boundary = "b-" + UUID.randomUUID();
        StringBuilder raw = new StringBuilder();
        raw.append("From: Applicant <").append(from).append(">\r\n");
        raw.append("To: ").append(to).append("\r\n");
        raw.append("Subject: ").append(subject).append("\r\n");
        raw.append("Message-ID: <").append(UUID.randomUUID()).append("@applicant.test>\r\n");
        raw.append("Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n");
        raw.append("MIME-Version: 1.0\r\n");
        raw.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
        raw.append("--").append(boundary).append("\r\n");
        raw.append("Content-Type: text/plain; charset=utf-8\r\n\r\n").append(body).append("\r\n");
        for (int i = 0; i < namesAndContents.length; i += 2) {
            String name = (String) namesAndContents[i];
            byte[] content = (byte[]) namesAndContents[i + 1];
            raw.append("--").append(boundary).append("\r\n");
            raw.append("Content-Type: application/octet-stream; name=\"").append(name).append("\"\r\n");
            raw.append("Content-Disposition: attachment; filename=\"").append(name).append("\"\r\n");
            raw.append("Content-Transfer-Encoding: base64\r\n\r\n");
            raw.append(java.util.Base64.getMimeEncoder().encodeToString(content)).append("\r\n");
        }
        raw.append("--").append(boundary).append("--\r\n");
        return raw.toString();
    }

    public static String withHeaders(String extraHeaders, String raw) {
        return extraHeaders + raw;
    }

    public static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
