package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.FormSchema;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** A questionnaire answer that asks for an explanation (explain-when) carries one. */
final class ExplanationsGiven implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        return submission.questionnaire().map(answers -> schemas.questionnaire().fields().stream()
                .filter(q -> q.explainWhen() != null)
                .flatMap(q -> answers.answer(q.id()).filter(a -> a.equalsIgnoreCase(q.explainWhen()) && !explained(answers, q))
                        .map(a -> Problem.of(ProblemCode.EXPLANATION_MISSING, answers.document(), q.label(), a)).stream())
                .toList()).orElse(List.of());
    }

    private static boolean explained(FormAnswers answers, FormSchema.Field question) {
        return answers.answer(question.explanation()).filter(e -> !Answers.isNotApplicable(e)).isPresent();
    }
}
