package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Direct supply needs the information security questionnaire (in this email or earlier in the case). */
final class QuestionnaireForDirectSupply implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        boolean missing = submission.questionnaire().isEmpty() && !submission.has(DocumentKind.SECURITY_QUESTIONNAIRE);
        return ApplicationFacts.directSupply(submission, schemas) && missing
                ? List.of(Problem.of(ProblemCode.QUESTIONNAIRE_MISSING, Validator.APPLICATION, "", "")) : List.of();
    }
}
