package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;

import uk.gov.education.datasharing.intake.inspect.ContentInspection;
import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.FilePolicy;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.io.WorksheetListener;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.validate.DataTablePass;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;

/**
 * Inspect stage, for one file: what its content is and holds (read through its encrypted spool) and the
 * one judgement of it (unsafe, not accepted, accepted and recognised as what); then, for an accepted form
 * or workbook, what the readers take from it while its plaintext is reachable (a workbook's sheets in
 * inspection's own pass over them). The gateway and {@code validate} both use this, so a file is judged the
 * same way by both.
 */
public final class InspectFile {

    /** What inspection learnt, the judgement, and what is left of the file's inflate budget for its readers. */
    public record Inspected(ContentInspection content, FilePolicy.Judgement judgement, InflateBudget budget) {
    }

    private final FileInspector inspector;
    private final long inflatedBytes;
    private final FilePolicy policy = new FilePolicy();

    /** @param inflatedBytes the bytes one file may inflate to, across inspection and reading (intake.limits.document-inflated-bytes) */
    public InspectFile(FileInspector inspector, long inflatedBytes) {
        this.inspector = inspector;
        this.inflatedBytes = inflatedBytes;
    }

    /**
     * Inspects the content (unless it already was, under another name) and judges the file; a workbook's sheets are fed to
     * {@code sheets} as they are inspected ({@link WorksheetListener#NONE} for none).
     */
    public Inspected inspect(EncryptedSpool file, ReceivedFile named, ContentInspection known, WorksheetListener sheets) throws IOException {
        InflateBudget budget = new InflateBudget(inflatedBytes);
        ContentInspection content = known != null ? known : inspector.inspect(file, budget, sheets);
        return new Inspected(content, policy.judge(named, content), budget);
    }

    /**
     * What the readers take from the file, if it is an accepted form or workbook, within what is left of its budget; a
     * workbook from {@code tables} when inspection fed it the sheets (docs/adr/0022).
     */
    public static SubmissionReader.Parsed read(EncryptedSpool file, Inspected inspected, SubmissionReader reader, DataTablePass tables) {
        return reader.parse(inspected.judgement().check(), file::channel, inspected.budget(), tables);
    }

    /** Whether a stored file is a plain zip archive (not an Office or other package), by content. */
    public static boolean isPlainArchive(ContentInspection content) {
        return FilePolicy.isPlainArchive(content);
    }
}
