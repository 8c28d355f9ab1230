package uk.gov.education.datasharing.intake.validate;

import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Defect.Severity;
import uk.gov.education.datasharing.intake.schema.FormSchema;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Questionnaire answers that must be "Yes" are "Yes", and a "No" carries its explanation. */
public final class QuestionnaireAnswers implements Rule {

    @Override
    public void check(Submission submission, Schemas schemas, List<Defect> problems) {
        if (submission.questionnaire().isEmpty()) {
            return;
        }
        FormAnswers answers = submission.questionnaire().get();
        for (FormSchema.Field question : schemas.questionnaire().fields()) {
            Optional<String> answer = answers.answer(question.id());
            if (answer.isEmpty()) {
                continue; // FormCompleteness reports it
            }
            if (question.mustBe() != null && !answer.get().equalsIgnoreCase(question.mustBe())) {
                problems.add(new Defect("ANSWER_MUST_BE", Severity.ERROR, answers.document(), question.label(), answer.get(),
                        "We can only supply data when the answer to this question is " + question.mustBe() + ".",
                        "Put the measure in place before you apply, then answer " + question.mustBe() + "."));
            }
            if (question.explainWhen() != null && answer.get().equalsIgnoreCase(question.explainWhen())
                    && answers.answer(question.explanation()).filter(e -> !Answers.isNotApplicable(e)).isEmpty()) {
                problems.add(new Defect("EXPLANATION_MISSING", Severity.ERROR, answers.document(), question.label(), answer.get(),
                        "You answered " + answer.get() + " without explaining why.",
                        "Explain your answer and the measures you take instead."));
            }
        }
    }
}
