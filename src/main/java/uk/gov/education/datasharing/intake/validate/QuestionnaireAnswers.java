package uk.gov.education.datasharing.intake.validate;

import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Defect.Severity;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.schema.FormSchema;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Questionnaire answers that must be "Yes" are "Yes", a "No" carries its explanation, and evidence a "Yes"
 * refers to (where the schema names its kind) is attached, in this email or an earlier one of the case.
 */
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
            if (question.evidenceKind() != null && answer.get().equalsIgnoreCase("Yes")) {
                DocumentKind kind = DocumentKind.fromId(question.evidenceKind()).orElseThrow();
                boolean reported = kind == DocumentKind.BACKGROUND_CHECK_EVIDENCE
                        && problems.stream().anyMatch(p -> p.code().equals("EVIDENCE_MISSING"));
                if (!submission.has(kind) && !reported) {
                    problems.add(new Defect("EVIDENCE_NOT_ATTACHED", Severity.ERROR, answers.document(), question.label(), "",
                            "Your answer refers to " + question.evidence() + ", which was not attached.",
                            "Send " + question.evidence() + " as a PDF or Word document."));
                }
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
