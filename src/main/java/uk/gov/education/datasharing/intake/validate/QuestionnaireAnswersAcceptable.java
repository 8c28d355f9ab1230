package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Questionnaire answers that must be a given value (usually "Yes") are that value. */
final class QuestionnaireAnswersAcceptable implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        return submission.questionnaire().map(answers -> schemas.questionnaire().fields().stream()
                .filter(q -> q.mustBe() != null)
                .flatMap(q -> answers.answer(q.id()).filter(a -> !a.equalsIgnoreCase(q.mustBe()))
                        .map(a -> Problem.of(ProblemCode.ANSWER_MUST_BE, answers.document(), q.label(), a).with("must-be", q.mustBe()))
                        .stream())
                .toList()).orElse(List.of());
    }
}
