package uk.gov.education.datasharing.intake.mime;

import java.io.IOException;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

/** What the walk asks of a MIME part: its type, name, disposition and kind; every question answered, never thrown. */
final class MimeParts {

    private MimeParts() {
    }

    static String smimeType(Part part) throws MessagingException {
        try {
            String value = new ContentType(part.getContentType()).getParameter("smime-type");
            return value == null ? "unknown" : value.toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "unknown";
        }
    }

    static boolean isTnef(String type, String safeName) {
        return type.equals("application/ms-tnef") || type.equals("application/vnd.ms-tnef")
                || safeName.equalsIgnoreCase("winmail.dat");
    }

    static boolean isZip(String type, String safeName) {
        return type.equals("application/zip") || type.equals("application/x-zip-compressed")
                || safeName.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    static String subjectOf(MimeMessage message) {
        try {
            String subject = message.getSubject();
            return subject == null ? "(no subject)" : subject;
        } catch (MessagingException e) {
            return "(no subject)";
        }
    }

    /** A subject made safe to show: controls removed, length bounded. */
    static String quoted(String subject) {
        String clean = SafeFileName.of(subject.replace('/', ' ').replace('\\', ' '), "(no subject)");
        return "\u201C" + (clean.length() > 60 ? clean.substring(0, 60) + "\u2026" : clean) + "\u201D";
    }

    static String baseType(Part part) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null) {
            return "text/plain";
        }
        try {
            return new ContentType(raw).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "application/octet-stream";
        }
    }

    static String safeDisposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    static String fileName(Part part) {
        try {
            String name = part.getFileName();
            if (name != null && name.contains("=?")) {
                name = MimeUtility.decodeText(name);
            }
            return name == null || name.isBlank() ? null : name;
        } catch (MessagingException | IOException e) {
            return null;
        }
    }

    static String extensionFor(String type) {
        return switch (type) {
            case "application/pdf" -> ".pdf";
            case "message/rfc822" -> ".eml";
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "text/plain" -> ".txt";
            case "text/html" -> ".html";
            case "application/zip" -> ".zip";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> ".docx";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> ".xlsx";
            default -> ".bin";
        };
    }

    /** A size for people: "800 KB", "30 MB". */
    static String megabytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return Math.max(1, bytes / 1024) + " KB";
        }
        return String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024.0));
    }
}
