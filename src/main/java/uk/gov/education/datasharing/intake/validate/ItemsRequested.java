package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Data tables were sent, so at least one item in them is marked as required. */
final class ItemsRequested implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        boolean none = !submission.tables().isEmpty() && submission.tables().stream().allMatch(t -> t.requested().isEmpty());
        return none ? List.of(Problem.of(ProblemCode.NO_ITEMS_REQUESTED, submission.tables().get(0).document(), "", "")) : List.of();
    }
}
