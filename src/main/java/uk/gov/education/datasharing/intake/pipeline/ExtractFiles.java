package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import uk.gov.education.datasharing.intake.inspect.FilePolicy;
import uk.gov.education.datasharing.intake.mailbox.MessageContent;
import uk.gov.education.datasharing.intake.mime.FileExtractor;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;

/**
 * Extract stage: walks the message for every file within the limits; each file is stored encrypted and
 * inspected as it is found ({@link InspectingSink}); then each file gets its final judgement (an archive
 * stays one only if it was completely unpacked) and is added to the submission's reader under its name.
 */
public final class ExtractFiles {

    private final FileExtractor extractor;
    private final InspectFile inspect;
    private final FileKeeper keeper;
    private final Path spoolDir;
    private final Schemas schemas;
    private final StageTimings timings;

    public ExtractFiles(FileExtractor extractor, InspectFile inspect, FileKeeper keeper, Path spoolDir, Schemas schemas,
                        StageTimings timings) {
        this.extractor = extractor;
        this.inspect = inspect;
        this.keeper = keeper;
        this.spoolDir = spoolDir;
        this.schemas = schemas;
        this.timings = timings;
    }

    public ExtractedFiles extract(MimeMessage message) throws IOException, MessagingException {
        SubmissionReader reader = new SubmissionReader(schemas, SubmissionReader.MAX_REQUESTED_ROWS);
        InspectingSink sink = new InspectingSink(spoolDir, keeper, inspect, reader, timings);
        FileExtractor.Extraction extraction = extractor.extract(message, sink);
        List<ReceivedFile> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>(extraction.findings());
        for (ReceivedFile file : extraction.files()) {
            FilePolicy.Judgement judgement = FilePolicy.archiveUnpacked(sink.inspected(file.partPath()).judgement(), file,
                    extraction.unpackedArchives().contains(file.sha256()));
            files.add(file.withCheck(judgement.check()));
            problems.addAll(judgement.findings());
            reader.add(file.safeName(), judgement.check(), sink.parsed(file.sha256()));
        }
        return new ExtractedFiles(files, problems, reader, contentKey(message, extraction));
    }

    private static String contentKey(MimeMessage message, FileExtractor.Extraction extraction) {
        try {
            return MessageContent.key(message, extraction.files().stream().map(ReceivedFile::sha256).toList(), extraction.textDigests());
        } catch (MessagingException e) {
            return null;
        }
    }
}
