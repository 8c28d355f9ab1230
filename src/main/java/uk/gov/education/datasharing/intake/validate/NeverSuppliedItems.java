package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Items of a sensitivity never supplied outside DfE (rules.yaml) are not requested. */
final class NeverSuppliedItems implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        List<String> never = schemas.rules().sensitivityNeverSupplied();
        return RequestedItems.problems(submission, schemas, i -> never.stream().anyMatch(s -> s.equalsIgnoreCase(i.sensitivity())),
                i -> i.problem(ProblemCode.NEVER_SUPPLIED).with("sensitivity", i.sensitivity()));
    }
}
