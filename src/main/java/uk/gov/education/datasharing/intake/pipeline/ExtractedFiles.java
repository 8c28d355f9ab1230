package uk.gov.education.datasharing.intake.pipeline;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;

/**
 * Every file found in a message with what inspection decided, the problems met finding and checking them
 * (extraction first, then each file's), the reader holding what was read from its documents, and the message's content
 * key ({@code MessageContent}; null when its header could not be read).
 */
public record ExtractedFiles(List<ReceivedFile> files, List<Problem> problems, SubmissionReader reader, String contentKey) {

    public ExtractedFiles {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** A file was refused as unsafe: the message is quarantined. */
    public boolean unsafe() {
        return problems.stream().anyMatch(p -> p.severity() == Defect.Severity.UNSAFE);
    }
}
