package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Direct supply needs evidence of background checks for the staff who will handle the data. */
final class BackgroundChecksForDirectSupply implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        return ApplicationFacts.directSupply(submission, schemas) && !submission.has(DocumentKind.BACKGROUND_CHECK_EVIDENCE)
                ? List.of(Problem.of(ProblemCode.EVIDENCE_MISSING, Validator.APPLICATION, "", "")) : List.of();
    }
}
