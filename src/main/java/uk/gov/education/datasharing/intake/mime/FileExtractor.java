package uk.gov.education.datasharing.intake.mime;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

import org.apache.poi.hmef.Attachment;
import org.apache.poi.hmef.HMEFMessage;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.StoredObject;

/**
 * Walks a message's MIME tree and hands every file in it, decoded and streamed, to a sink: attachments,
 * named inline parts, unnamed non-text parts, files inside forwarded messages, inside Outlook's
 * winmail.dat (TNEF) and inside zip archives (which are also kept whole). The message text itself is not a
 * file (the raw message is stored whole anyway). Every quantity derived from the input is bounded; hitting
 * a bound is a finding, never an exception. One instance serves many messages; each call is independent.
 */
public final class FileExtractor {

    /** The bounds; see the intake.limits.* settings. */
    public record Limits(int depth, int parts, int files, long fileBytes, long totalBytes, int archiveEntries, int archiveRatio,
                         int archiveDepth) {
    }

    /** Where each file's decoded bytes go; returns what was stored. Must not close the stream. */
    @FunctionalInterface
    public interface Sink {
        StoredObject store(InputStream content) throws IOException;

        /**
         * Whether a stored file is a plain zip archive by its content, when the sink knows (it has typed it);
         * empty means unknown, and the declared type and name decide.
         */
        default Optional<Boolean> isArchive(StoredObject stored) {
            return Optional.empty();
        }
    }

    /**
     * The files found, what got in the way, and the SHA-256 of every archive whose entries were all
     * unpacked (an archive not in that set was not, or not completely, looked inside).
     */
    public record Extraction(List<ReceivedFile> files, List<Defect> findings, Set<String> unpackedArchives) {
        public Extraction {
            files = List.copyOf(files);
            findings = List.copyOf(findings);
            unpackedArchives = Set.copyOf(unpackedArchives);
        }

        public boolean hasFindings() {
            return !findings.isEmpty();
        }
    }

    private static final long ARCHIVE_SLACK_BYTES = 1 << 20;
    private final Limits limits;

    public FileExtractor(Limits limits) {
        this.limits = limits;
    }

    public Extraction extract(MimeMessage message, Sink sink) throws IOException, MessagingException {
        Walk walk = new Walk(sink);
        walk.visit(message, "1", 0, "");
        return new Extraction(walk.files, walk.findings, walk.unpacked);
    }

    private final class Walk {
        private final Sink sink;
        private final List<ReceivedFile> files = new ArrayList<>();
        private final List<Defect> findings = new ArrayList<>();
        private final Set<String> reported = new HashSet<>();
        private final Set<String> unpacked = new HashSet<>();
        private int parts;
        private long totalBytes;

        Walk(Sink sink) {
            this.sink = sink;
        }

        void visit(Part part, String path, int depth, String container) throws IOException, MessagingException {
            if (++parts > limits.parts()) {
                once(ExtractionFindings.TOO_MANY_PARTS, "", "", "more than " + limits.parts() + " parts");
                return;
            }
            if (depth > limits.depth()) {
                once(ExtractionFindings.MIME_TOO_DEEP, "", "", "more than " + limits.depth() + " levels");
                return;
            }
            String type = baseType(part);
            if (type.startsWith("multipart/")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount() && parts <= limits.parts(); i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        visit(child, path + "." + (i + 1), depth + 1, container);
                    }
                    return;
                }
            }
            String name = fileName(part);
            if (type.equals("message/rfc822")) {
                Object content = part.getContent();
                if (content instanceof MimeMessage forwarded) {
                    visit(forwarded, path + ".1", depth + 1, "inside forwarded message " + quoted(subjectOf(forwarded)));
                    return;
                }
            }
            if (type.equals("application/pkcs7-signature") || type.equals("application/x-pkcs7-signature")) {
                return; // the detached signature of a multipart/signed message, not a document
            }
            if (type.equals("application/pkcs7-mime") || type.equals("application/x-pkcs7-mime")) {
                smime(part, name, path, depth, container);
                return;
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(safeDisposition(part));
            boolean text = type.equals("text/plain") || type.equals("text/html");
            if (name == null && !attachment && text) {
                return;
            }
            String safeName = SafeFileName.of(name, "attachment-" + (files.size() + 1) + extensionFor(type));
            if (isTnef(type, safeName)) {
                unpackTnef(part, name, safeName, path, container);
            } else {
                StoredObject stored;
                try (InputStream in = part.getInputStream()) {
                    stored = store(in, name, safeName, type, path, container);
                }
                if (stored != null && sink.isArchive(stored).orElse(isZip(type, safeName))) {
                    try (InputStream in = part.getInputStream()) {
                        unpack(stored, new SourceStream(in), safeName, container, path);
                    }
                }
            }
        }

        /** Unpacks a stored archive from a fresh stream of it, remembering it when every entry was unpacked. */
        private void unpack(StoredObject stored, InputStream archive, String safeName, String container, String path) throws IOException {
            try {
                if (unzip(archive, safeName, container, path, 1)) {
                    unpacked.add(stored.sha256());
                }
            } catch (SourceStream.Unreadable e) {
                findings.add(ExtractionFindings.of(ExtractionFindings.ARCHIVE_UNREADABLE, safeName, container, ""));
            }
        }

        /** Stores one file within the per-file and per-message bounds; returns null when a bound stopped it. */
        StoredObject store(InputStream in, String originalName, String safeName, String type, String path, String container) throws IOException {
            if (files.size() >= limits.files()) {
                once(ExtractionFindings.TOO_MANY_FILES, "", "", "more than " + limits.files() + " files");
                return null;
            }
            long remaining = limits.totalBytes() - totalBytes;
            boolean totalBinds = remaining < limits.fileBytes();
            BoundedStream bounded = new BoundedStream(new SourceStream(in), Math.min(limits.fileBytes(), remaining));
            StoredObject stored;
            try {
                stored = sink.store(bounded);
            } catch (SourceStream.Unreadable e) {
                // a decoding failure of this file (bad base64, truncated part); a failure of the sink still propagates
                findings.add(ExtractionFindings.of(ExtractionFindings.FILE_UNREADABLE, safeName, container, ""));
                return null;
            } catch (BoundedStream.LimitReached e) {
                findings.add(totalBinds
                        ? ExtractionFindings.of(ExtractionFindings.TOTAL_TOO_LARGE, safeName, container, ExtractionFindings.megabytes(limits.totalBytes()))
                        : ExtractionFindings.of(ExtractionFindings.FILE_TOO_LARGE, safeName, container, ExtractionFindings.megabytes(limits.fileBytes())));
                return null;
            }
            totalBytes += stored.size();
            files.add(new ReceivedFile(files.size() + 1, path, originalName, safeName, type, stored.size(), stored.sha256(), container));
            return stored;
        }

        /**
         * Opaque-signed S/MIME is unwrapped and walked (the signature is not checked: the team sees the raw
         * message); encrypted S/MIME is kept as a file and reported. Without an smime-type, signed is tried.
         */
        private void smime(Part part, String originalName, String path, int depth, String container) throws IOException, MessagingException {
            String safeName = SafeFileName.of(originalName, "smime.p7m");
            String smimeType = smimeType(part);
            if (smimeType.contains("enveloped")) {
                try (InputStream in = part.getInputStream()) {
                    store(in, originalName, safeName, "application/pkcs7-mime", path, container);
                }
                findings.add(ExtractionFindings.of(ExtractionFindings.SMIME_ENCRYPTED, "", container, smimeType));
                return;
            }
            byte[] signed = readWhole(part, safeName, container);
            if (signed == null) {
                return;
            }
            jakarta.mail.internet.MimeBodyPart inner;
            try {
                Object content = new org.bouncycastle.cms.CMSSignedData(signed).getSignedContent().getContent();
                inner = new jakarta.mail.internet.MimeBodyPart(new ByteArrayInputStream((byte[]) content));
            } catch (org.bouncycastle.cms.CMSException | RuntimeException e) {
                findings.add(ExtractionFindings.of(ExtractionFindings.SMIME_UNREADABLE, "", container, ""));
                store(new ByteArrayInputStream(signed), originalName, safeName, "application/pkcs7-mime", path, container);
                return;
            }
            visit(inner, path + ".1", depth + 1, container);
        }

        /** A part read into memory (for parsers that need it whole), within the file bound; null with a finding otherwise. */
        private byte[] readWhole(Part part, String safeName, String container) throws IOException, MessagingException {
            try (InputStream in = new BoundedStream(new SourceStream(part.getInputStream()), limits.fileBytes())) {
                return in.readAllBytes();
            } catch (BoundedStream.LimitReached e) {
                findings.add(ExtractionFindings.of(ExtractionFindings.FILE_TOO_LARGE, safeName, container, ExtractionFindings.megabytes(limits.fileBytes())));
            } catch (SourceStream.Unreadable e) {
                findings.add(ExtractionFindings.of(ExtractionFindings.FILE_UNREADABLE, safeName, container, ""));
            }
            return null;
        }

        private void unpackTnef(Part part, String originalName, String safeName, String path, String container) throws IOException, MessagingException {
            byte[] tnef = readWhole(part, safeName, container);
            if (tnef == null) {
                return;
            }
            List<Attachment> attachments;
            try {
                attachments = new HMEFMessage(new ByteArrayInputStream(tnef)).getAttachments();
            } catch (IOException | RuntimeException e) {
                findings.add(ExtractionFindings.of(ExtractionFindings.TNEF_UNREADABLE, safeName, container, ""));
                store(new ByteArrayInputStream(tnef), originalName, safeName, "application/ms-tnef", path, container);
                return;
            }
            String inside = "inside " + safeName;
            int n = 0;
            for (Attachment attachment : attachments) {
                n++;
                String name = attachment.getLongFilename() != null ? attachment.getLongFilename() : attachment.getFilename();
                byte[] contents = attachment.getContents();
                if (contents == null) {
                    continue;
                }
                String innerSafe = SafeFileName.of(name, "attachment-" + (files.size() + 1) + ".bin");
                StoredObject stored = store(new ByteArrayInputStream(contents), name, innerSafe, "application/octet-stream",
                        path + "/tnef" + n, inside);
                if (stored != null && sink.isArchive(stored).orElse(isZip("", innerSafe))) {
                    unpack(stored, new ByteArrayInputStream(contents), innerSafe, inside, path + "/tnef" + n);
                }
            }
        }

        /**
         * Expands a zip stream within the entry, ratio and nesting bounds; nested zips are expanded, not kept.
         * {@code location} is where the archive itself was found; its entries are "inside archive NAME".
         * Returns false when a bound stopped it, so an enclosing archive stops too.
         */
        private boolean unzip(InputStream raw, String archiveName, String location, String path, int level) throws IOException {
            String container = (location.isEmpty() ? "" : location + ", ") + "inside archive " + archiveName;
            CountingStream compressed = new CountingStream(raw);
            ZipInputStream zip = new ZipInputStream(compressed);
            int entries = 0;
            long expanded = 0;
            try {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    if (entry.isDirectory()) {
                        continue;
                    }
                    if (++entries > limits.archiveEntries()) {
                        findings.add(ExtractionFindings.of(ExtractionFindings.ARCHIVE_TOO_MANY_ENTRIES, archiveName, location,
                                "more than " + limits.archiveEntries() + " files"));
                        return false;
                    }
                    String entryName = entry.getName();
                    String safe = SafeFileName.of(entryName, "entry-" + entries + ".bin");
                    String entryPath = path + "/zip" + level + "." + entries;
                    RatioGuard guarded = new RatioGuard(zip, compressed, expanded);
                    if (isZip("", safe)) {
                        if (level >= limits.archiveDepth()) {
                            findings.add(ExtractionFindings.of(ExtractionFindings.ARCHIVE_TOO_DEEP, safe, container,
                                    "more than " + limits.archiveDepth() + " levels"));
                            if (store(guarded, entryName, safe, "application/zip", entryPath, container) == null) {
                                return false;
                            }
                        } else if (!unzip(guarded, safe, container, entryPath, level + 1)) {
                            return false;
                        }
                    } else if (store(guarded, entryName, safe, "application/octet-stream", entryPath, container) == null) {
                        // Stop here: moving to the next entry would make ZipInputStream inflate the rest of this one
                        // unseen by the ratio guard, which costs unbounded time on a crafted archive.
                        return false;
                    }
                    expanded = guarded.total();
                }
            } catch (RatioGuard.BombSuspected e) {
                findings.add(ExtractionFindings.of(ExtractionFindings.ARCHIVE_BOMB, archiveName, location,
                        "more than " + limits.archiveRatio() + " times its size"));
                return false;
            } catch (ZipException e) {
                String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
                findings.add(ExtractionFindings.of(message.contains("encrypt") ? ExtractionFindings.ARCHIVE_ENCRYPTED
                        : ExtractionFindings.ARCHIVE_UNREADABLE, archiveName, location, ""));
                return false;
            }
            return true;
        }

        /** Stops expansion once the archive has produced more than ratio × the compressed bytes read (plus slack). */
        private final class RatioGuard extends FilterInputStream {
            private final CountingStream compressed;
            private long total;

            RatioGuard(InputStream in, CountingStream compressed, long alreadyExpanded) {
                super(in);
                this.compressed = compressed;
                this.total = alreadyExpanded;
            }

            long total() {
                return total;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    total += n;
                    if (total > compressed.count() * (long) limits.archiveRatio() + ARCHIVE_SLACK_BYTES) {
                        throw new BombSuspected();
                    }
                }
                return n;
            }

            @Override
            public void close() {
                // the zip stream is closed by its owner
            }

            static final class BombSuspected extends RatioGuardFailure {
                BombSuspected() {
                    super("expansion ratio exceeded");
                }
            }
        }

        private void once(String code, String document, String location, String found) {
            if (reported.add(code)) {
                findings.add(ExtractionFindings.of(code, document, location, found));
            }
        }
    }

    private static String smimeType(Part part) throws MessagingException {
        try {
            String value = new ContentType(part.getContentType()).getParameter("smime-type");
            return value == null ? "unknown" : value.toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "unknown";
        }
    }

    private static boolean isTnef(String type, String safeName) {
        return type.equals("application/ms-tnef") || type.equals("application/vnd.ms-tnef")
                || safeName.equalsIgnoreCase("winmail.dat");
    }

    private static boolean isZip(String type, String safeName) {
        return type.equals("application/zip") || type.equals("application/x-zip-compressed")
                || safeName.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private static String subjectOf(MimeMessage message) {
        try {
            String subject = message.getSubject();
            return subject == null ? "(no subject)" : subject;
        } catch (MessagingException e) {
            return "(no subject)";
        }
    }

    /** A subject made safe to show: controls removed, length bounded. */
    private static String quoted(String subject) {
        String clean = SafeFileName.of(subject.replace('/', ' ').replace('\\', ' '), "(no subject)");
        return "\u201C" + (clean.length() > 60 ? clean.substring(0, 60) + "\u2026" : clean) + "\u201D";
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
            case "application/zip" -> ".zip";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> ".docx";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> ".xlsx";
            default -> ".bin";
        };
    }

    /** Marks read failures of the input (decoding errors) so they are told apart from failures of the sink. */
    static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (BoundedStream.LimitReached | RatioGuardFailure e) {
                throw e;
            } catch (IOException e) {
                throw new Unreadable();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (BoundedStream.LimitReached | RatioGuardFailure e) {
                throw e;
            } catch (IOException e) {
                throw new Unreadable();
            }
        }

        @Override
        public void close() {
            // the caller owns the source
        }

        /** Carries no message: decoder messages quote the input. */
        static final class Unreadable extends IOException {
            Unreadable() {
                super("file could not be decoded", null);
            }
        }
    }

    /** Failures raised by the archive guards, which must pass through {@link SourceStream} unchanged. */
    abstract static class RatioGuardFailure extends IOException {
        RatioGuardFailure(String message) {
            super(message, null);
        }
    }

    /** Counts the bytes read through it. */
    static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
