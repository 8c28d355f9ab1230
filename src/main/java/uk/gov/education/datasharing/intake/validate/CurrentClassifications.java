package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** A workbook whose identifiability or sensitivity for a known item differs from the catalogue is an old edition (a warning). */
final class CurrentClassifications implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        return RequestedItems.problems(submission, schemas, CurrentClassifications::differs, i -> i.problem(ProblemCode.CLASSIFICATION_DIFFERS));
    }

    private static boolean differs(RequestedItems i) {
        String identifiability = i.item().identifiability().strip();
        String sensitivity = i.item().sensitivity().strip();
        return i.known().isPresent() && (!identifiability.isEmpty() && !identifiability.equals(i.identifiability())
                || !sensitivity.isEmpty() && !sensitivity.equalsIgnoreCase(i.sensitivity()));
    }
}
