package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.mime.FileExtractor;
import uk.gov.education.datasharing.intake.mime.FoundFile;
import uk.gov.education.datasharing.intake.model.StoredObject;
import uk.gov.education.datasharing.intake.validate.DataTablePass;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;

/**
 * Where extraction puts each file it finds: spooled encrypted, stored encrypted to the team, then
 * inspected, judged and read from the spool (so nothing is plaintext on disk). Identical content is
 * inspected and read once. Tells the extractor which files are plain zips by content, so a renamed zip
 * is unpacked too. One per message.
 */
final class InspectingSink implements FileExtractor.Sink {

    private final Path spoolDir;
    private final FileKeeper keeper;
    private final InspectFile inspect;
    private final SubmissionReader reader;
    private final StageTimings timings;
    private final Map<String, InspectFile.Inspected> byContent = new HashMap<>();
    private final Map<String, SubmissionReader.Parsed> parsed = new HashMap<>();
    private final Map<String, InspectFile.Inspected> byPart = new HashMap<>();

    InspectingSink(Path spoolDir, FileKeeper keeper, InspectFile inspect, SubmissionReader reader, StageTimings timings) {
        this.spoolDir = spoolDir;
        this.keeper = keeper;
        this.inspect = inspect;
        this.reader = reader;
        this.timings = timings;
    }

    @Override
    public StoredObject store(FoundFile found, InputStream content) throws IOException {
        try (EncryptedSpool file = EncryptedSpool.write(spoolDir, "file-", out -> content.transferTo(out), Long.MAX_VALUE)) {
            StoredObject stored;
            try (InputStream plain = file.open()) {
                stored = keeper.keep(plain);
            }
            InspectFile.Inspected earlier = byContent.get(stored.sha256());
            long start = System.nanoTime();
            DataTablePass tables = reader.tablesAlongside(); // fed only when the content is inspected, not when it was already
            InspectFile.Inspected inspected = inspect.inspect(file, found.received(stored), earlier == null ? null : earlier.content(), tables);
            if (earlier == null) {
                byContent.put(stored.sha256(), inspected);
                parsed.put(stored.sha256(), InspectFile.read(file, inspected, reader, tables));
            }
            timings.record(Stage.INSPECT, System.nanoTime() - start);
            byPart.put(found.partPath(), inspected);
            return stored;
        }
    }

    @Override
    public Optional<Boolean> isArchive(StoredObject stored) {
        InspectFile.Inspected inspected = byContent.get(stored.sha256());
        return inspected == null ? Optional.empty() : Optional.of(InspectFile.isPlainArchive(inspected.content()));
    }

    /** What inspecting the file at this part path gave. */
    InspectFile.Inspected inspected(String partPath) {
        return byPart.get(partPath);
    }

    /** What reading the file with this content gave. */
    SubmissionReader.Parsed parsed(String sha256) {
        return parsed.getOrDefault(sha256, SubmissionReader.Parsed.NOTHING);
    }
}
