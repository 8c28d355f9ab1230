package uk.gov.education.datasharing.intake.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.apache.poi.hmef.Attachment;
import org.apache.poi.hmef.HMEFMessage;

import uk.gov.education.datasharing.intake.io.Deadline;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.StoredObject;

/**
 * One walk over one message's MIME tree, keeping what it found and what got in the way: multiparts are
 * descended, forwarded messages entered, S/MIME unwrapped, winmail.dat and zip archives unpacked, and
 * every other part stored through the sink within the per-file and per-message bounds.
 */
final class MimeWalk {
    private final FileExtractor.Limits limits;
    private final FileExtractor.Sink sink;
    private final ZipUnpacker zips;
    private final List<ReceivedFile> files = new ArrayList<>();
    private final List<Problem> findings = new ArrayList<>();
    private final Set<ProblemCode> reported = new HashSet<>();
    private final Set<String> unpacked = new HashSet<>();
    private final List<String> texts = new ArrayList<>();
    private int parts;
    private long totalBytes;

    MimeWalk(FileExtractor.Limits limits, FileExtractor.Sink sink) {
        this.limits = limits;
        this.sink = sink;
        this.zips = new ZipUnpacker(limits, this);
    }

    FileExtractor.Extraction result() {
        return new FileExtractor.Extraction(files, findings, unpacked, texts);
    }

    void finding(Problem problem) {
        findings.add(problem);
    }

    void visit(Part part, String path, int depth, String container) throws IOException, MessagingException {
        Deadline.check();
        if (++parts > limits.parts()) {
            once(ProblemCode.TOO_MANY_PARTS, "", "", "more than " + limits.parts() + " parts");
            return;
        }
        if (depth > limits.depth()) {
            once(ProblemCode.MIME_TOO_DEEP, "", "", "more than " + limits.depth() + " levels");
            return;
        }
        String type = MimeParts.baseType(part);
        if (type.startsWith("multipart/")) {
            Object content;
            try {
                content = part.getContent();
                if (content instanceof Multipart multipart) {
                    multipart.getCount(); // parses it: a missing start boundary, say, is found here
                }
            } catch (MessagingException e) {
                // the structure cannot be read, so neither can the files in it
                findings.add(Problem.of(ProblemCode.MIME_UNREADABLE, "", container, ""));
                return;
            }
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount() && parts <= limits.parts(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    visit(child, path + "." + (i + 1), depth + 1, container);
                }
                return;
            }
        }
        String name = MimeParts.fileName(part);
        if (type.equals("message/rfc822")) {
            Object content;
            try {
                content = part.getContent();
            } catch (MessagingException | IOException e) {
                findings.add(Problem.of(ProblemCode.MIME_UNREADABLE, "", container, ""));
                return;
            }
            if (content instanceof MimeMessage forwarded) {
                visit(forwarded, path + ".1", depth + 1, "inside forwarded message " + MimeParts.quoted(MimeParts.subjectOf(forwarded)));
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
        leaf(part, type, name, path, container);
    }

    /** A part that is not a container: the message text is only hashed, winmail.dat unpacked, anything else stored (and unzipped). */
    private void leaf(Part part, String type, String name, String path, String container) throws IOException, MessagingException {
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(MimeParts.safeDisposition(part));
        boolean text = type.equals("text/plain") || type.equals("text/html");
        if (name == null && !attachment && text) {
            texts.add(textDigest(part)); // not a file, but part of what makes the message this message
            return;
        }
        String safeName = SafeFileName.of(name, "attachment-" + (files.size() + 1) + MimeParts.extensionFor(type));
        if (MimeParts.isTnef(type, safeName)) {
            unpackTnef(part, name, safeName, path, container);
        } else {
            StoredObject stored;
            try (InputStream in = content(part)) {
                stored = store(in, name, safeName, type, path, container);
            } catch (SourceStream.Unreadable e) {
                findings.add(Problem.of(ProblemCode.FILE_UNREADABLE, safeName, container, ""));
                return;
            }
            if (stored != null && sink.isArchive(stored).orElse(MimeParts.isZip(type, safeName))) {
                try (InputStream in = content(part)) {
                    unpack(stored, new SourceStream(in), safeName, container, path);
                }
            }
        }
    }

    /** Unpacks a stored archive from a fresh stream of it, remembering it when every entry was unpacked. */
    private void unpack(StoredObject stored, InputStream archive, String safeName, String container, String path) throws IOException {
        try {
            if (zips.unzip(archive, safeName, container, path, 1)) {
                unpacked.add(stored.sha256());
            }
        } catch (SourceStream.Unreadable e) {
            findings.add(Problem.of(ProblemCode.ARCHIVE_UNREADABLE, safeName, container, ""));
        }
    }

    /** Stores one file within the per-file and per-message bounds; returns null when a bound stopped it. */
    StoredObject store(InputStream in, String originalName, String safeName, String type, String path, String container) throws IOException {
        if (files.size() >= limits.files()) {
            once(ProblemCode.TOO_MANY_FILES, "", "", "more than " + limits.files() + " files");
            return null;
        }
        long remaining = limits.totalBytes() - totalBytes;
        boolean totalBinds = remaining < limits.fileBytes();
        BoundedStream bounded = new BoundedStream(new SourceStream(in), Math.min(limits.fileBytes(), remaining));
        FoundFile found = new FoundFile(files.size() + 1, path, originalName, safeName, type, container);
        StoredObject stored;
        try {
            stored = sink.store(found, bounded);
        } catch (SourceStream.Unreadable e) {
            // a decoding failure of this file (bad base64, truncated part); a failure of the sink still propagates
            findings.add(Problem.of(ProblemCode.FILE_UNREADABLE, safeName, container, ""));
            return null;
        } catch (BoundedStream.LimitReached e) {
            findings.add(totalBinds
                    ? Problem.of(ProblemCode.TOTAL_TOO_LARGE, safeName, container, MimeParts.megabytes(limits.totalBytes()))
                    : Problem.of(ProblemCode.FILE_TOO_LARGE, safeName, container, MimeParts.megabytes(limits.fileBytes())));
            return null;
        }
        totalBytes += stored.size();
        files.add(found.received(stored));
        return stored;
    }

    /**
     * Opaque-signed S/MIME is unwrapped and walked (the signature is not checked: the team sees the raw
     * message); encrypted S/MIME is kept as a file and reported. Without an smime-type, signed is tried.
     */
    private void smime(Part part, String originalName, String path, int depth, String container) throws IOException, MessagingException {
        String safeName = SafeFileName.of(originalName, "smime.p7m");
        String smimeType = MimeParts.smimeType(part);
        if (smimeType.contains("enveloped")) {
            try (InputStream in = content(part)) {
                store(in, originalName, safeName, "application/pkcs7-mime", path, container);
            } catch (SourceStream.Unreadable e) {
                findings.add(Problem.of(ProblemCode.FILE_UNREADABLE, safeName, container, ""));
            }
            findings.add(Problem.of(ProblemCode.SMIME_ENCRYPTED, "", container, smimeType));
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
            findings.add(Problem.of(ProblemCode.SMIME_UNREADABLE, "", container, ""));
            store(new ByteArrayInputStream(signed), originalName, safeName, "application/pkcs7-mime", path, container);
            return;
        }
        visit(inner, path + ".1", depth + 1, container);
    }

    /**
     * A part's decoded content; a transfer encoding the decoder does not know (or cannot start on) makes the file
     * unreadable, a finding, not a failure of the message.
     */
    private static InputStream content(Part part) throws SourceStream.Unreadable {
        try {
            return part.getInputStream();
        } catch (IOException | MessagingException e) {
            throw new SourceStream.Unreadable();
        }
    }

    /** The message text's digest (docs/adr/0025); a fixed mark for a text that cannot be read. */
    private static String textDigest(Part part) {
        try {
            return TextDigest.of(part);
        } catch (IOException | MessagingException e) {
            return "unreadable";
        }
    }

    /** A part read into memory (for parsers that need it whole), within the file bound; null with a finding otherwise. */
    private byte[] readWhole(Part part, String safeName, String container) throws IOException, MessagingException {
        // what is read whole counts against the message's total too: nested S/MIME layers cannot each take the file bound
        long remaining = limits.totalBytes() - totalBytes;
        boolean totalBinds = remaining < limits.fileBytes();
        try (InputStream in = new BoundedStream(new SourceStream(content(part)), Math.min(limits.fileBytes(), remaining))) {
            byte[] whole = in.readAllBytes();
            totalBytes += whole.length;
            return whole;
        } catch (BoundedStream.LimitReached e) {
            findings.add(totalBinds ? Problem.of(ProblemCode.TOTAL_TOO_LARGE, safeName, container, MimeParts.megabytes(limits.totalBytes()))
                    : Problem.of(ProblemCode.FILE_TOO_LARGE, safeName, container, MimeParts.megabytes(limits.fileBytes())));
        } catch (SourceStream.Unreadable e) {
            findings.add(Problem.of(ProblemCode.FILE_UNREADABLE, safeName, container, ""));
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
            findings.add(Problem.of(ProblemCode.TNEF_UNREADABLE, safeName, container, ""));
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
            if (stored != null && sink.isArchive(stored).orElse(MimeParts.isZip("", innerSafe))) {
                unpack(stored, new ByteArrayInputStream(contents), innerSafe, inside, path + "/tnef" + n);
            }
        }
    }

    private void once(ProblemCode code, String document, String location, String found) {
        if (reported.add(code)) {
            findings.add(Problem.of(code, document, location, found));
        }
    }
}
