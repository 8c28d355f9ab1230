package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** An application needs its application form. */
final class FormPresent implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        return submission.form().isPresent() ? List.of() : List.of(Problem.of(ProblemCode.FORM_MISSING, Validator.APPLICATION, "", ""));
    }
}
