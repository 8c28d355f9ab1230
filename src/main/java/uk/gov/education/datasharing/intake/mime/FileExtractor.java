package uk.gov.education.datasharing.intake.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import uk.gov.education.datasharing.intake.model.Problem;
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

    /** Where each file's decoded bytes go, told what the walk knows of the file; returns what was stored. Must not close the stream. */
    @FunctionalInterface
    public interface Sink {
        StoredObject store(FoundFile file, InputStream content) throws IOException;

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
     * unpacked (an archive not in that set was not, or not completely, looked inside), and the digests of the message texts
     * that are not files ({@code TextDigest}), in the order found.
     */
    public record Extraction(List<ReceivedFile> files, List<Problem> findings, Set<String> unpackedArchives, List<String> textDigests) {
        public Extraction {
            files = List.copyOf(files);
            findings = List.copyOf(findings);
            unpackedArchives = Set.copyOf(unpackedArchives);
            textDigests = List.copyOf(textDigests);
        }
    }

    private final Limits limits;

    public FileExtractor(Limits limits) {
        this.limits = limits;
    }

    public Extraction extract(MimeMessage message, Sink sink) throws IOException, MessagingException {
        MimeWalk walk = new MimeWalk(limits, sink);
        walk.visit(message, "1", 0, "");
        return walk.result();
    }
}
