package uk.gov.education.datasharing.intake.pipeline;

import java.util.List;
import java.util.Map;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.validate.ReadPart;
import uk.gov.education.datasharing.intake.validate.Validation;

/**
 * What the validate stage found: the rules' result (null when the message was quarantined before
 * validation), problems met reading the documents, the parts read (kept for the case's next version), and
 * the problems of the case's previous version (to tell what is now fixed).
 */
public record Validated(Validation validation, List<Problem> readerProblems, Map<String, ReadPart> parts,
                        List<Cases.StoredFinding> previous) {

    public Validated {
        readerProblems = List.copyOf(readerProblems);
        parts = Map.copyOf(parts);
        previous = List.copyOf(previous);
    }

    /** Nothing validated: a file was unsafe, so the message is quarantined as it is. */
    static Validated skipped() {
        return new Validated(null, List.of(), Map.of(), List.of());
    }
}
