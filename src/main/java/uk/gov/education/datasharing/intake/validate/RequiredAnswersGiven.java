package uk.gov.education.datasharing.intake.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.FormSchema;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Every required answer is given, in the application form and the questionnaire: required fields, and
 * fields required only when another answer says so. "N/A" counts only where the field allows it.
 */
final class RequiredAnswersGiven implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        return ApplicationFacts.inBothForms(submission, schemas, RequiredAnswersGiven::check);
    }

    static List<Problem> check(FormAnswers form, FormSchema schema) {
        List<Problem> problems = new ArrayList<>();
        for (FormSchema.Field field : schema.fields()) {
            boolean required = field.required() || field.requiredWhen() != null
                    && form.is(field.requiredWhen().field(), field.requiredWhen().equals());
            Optional<String> answer = form.answer(field.id());
            String label = ApplicationFacts.lower(field.label());
            if (answer.isEmpty() && required) {
                problems.add(Problem.of(ProblemCode.ANSWER_MISSING, form.document(), field.label(), "").with("label", label)
                        .with("help", field.help()).with("na-allowed", field.naAllowed()));
            } else if (answer.isPresent() && Answers.isNotApplicable(answer.get()) && !field.naAllowed() && required) {
                problems.add(Problem.of(ProblemCode.ANSWER_NOT_APPLICABLE, form.document(), field.label(), answer.get()).with("label", label));
            }
        }
        return problems;
    }
}
