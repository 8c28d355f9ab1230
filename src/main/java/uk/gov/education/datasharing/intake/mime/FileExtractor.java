package uk.gov.education.datasharing.intake.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.StoredObject;

/**
 * Walks a message's MIME tree and hands every file in it, decoded and streamed, to a sink: attachments,
 * named inline parts, and unnamed non-text parts. The message text itself is not a file (the raw message
 * is stored whole anyway). Depth and part count are bounded; past a bound the walk stops and says so.
 */
public final class FileExtractor {

    private final int maxDepth;
    private final int maxParts;

    public FileExtractor(int maxDepth, int maxParts) {
        this.maxDepth = maxDepth;
        this.maxParts = maxParts;
    }

    /** Where each file's decoded bytes go; returns what was stored. */
    @FunctionalInterface
    public interface Sink {
        StoredObject store(InputStream content) throws IOException;
    }

    /** The files found, and whether a bound cut the walk short. */
    public record Extraction(List<ReceivedFile> files, boolean truncated) {
        public Extraction {
            files = List.copyOf(files);
        }
    }

    public Extraction extract(MimeMessage message, Sink sink) throws IOException, MessagingException {
        Walk walk = new Walk(sink);
        walk.visit(message, "1", 0);
        return new Extraction(walk.files, walk.truncated);
    }

    private final class Walk {
        private final Sink sink;
        private final List<ReceivedFile> files = new ArrayList<>();
        private int parts;
        private boolean truncated;

        Walk(Sink sink) {
            this.sink = sink;
        }

        void visit(Part part, String path, int depth) throws IOException, MessagingException {
            if (++parts > maxParts || depth > maxDepth) {
                truncated = true;
                return;
            }
            String type = baseType(part);
            if (type.startsWith("multipart/")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount() && !truncated; i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        visit(child, path + "." + (i + 1), depth + 1);
                    }
                    return;
                }
            }
            String name = fileName(part);
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(safeDisposition(part));
            boolean text = type.equals("text/plain") || type.equals("text/html");
            if (name == null && !attachment && text) {
                return;
            }
            int ordinal = files.size() + 1;
            String fallback = "attachment-" + ordinal + extensionFor(type);
            try (InputStream in = part.getInputStream()) {
                StoredObject stored = sink.store(in);
                files.add(new ReceivedFile(ordinal, path, name, SafeFileName.of(name, fallback), type, stored.size(), stored.sha256()));
            }
        }
    }

    private static String baseType(Part part) throws MessagingException {
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

    private static String safeDisposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String fileName(Part part) {
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

    private static String extensionFor(String type) {
        return switch (type) {
            case "application/pdf" -> ".pdf";
            case "message/rfc822" -> ".eml";
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "text/plain" -> ".txt";
            case "text/html" -> ".html";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> ".docx";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> ".xlsx";
            default -> ".bin";
        };
    }
}
