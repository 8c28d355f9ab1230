package uk.gov.education.datasharing.intake.validate;

import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Defect.Severity;
import uk.gov.education.datasharing.intake.schema.FormSchema;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Every required answer is given, in the application form and the questionnaire: required fields, and
 * fields required only when another answer says so. "N/A" counts only where the field allows it. A form
 * read from its table layout (controls lost) gets a warning saying so.
 */
public final class FormCompleteness implements Rule {

    @Override
    public void check(Submission submission, Schemas schemas, List<Defect> problems) {
        submission.form().ifPresent(form -> check(form, schemas.applicationForm(), problems));
        submission.questionnaire().ifPresent(form -> check(form, schemas.questionnaire(), problems));
    }

    static void check(FormAnswers form, FormSchema schema, List<Defect> problems) {
        if (form.fromLabels()) {
            problems.add(new Defect("FORM_CONTROLS_MISSING", Severity.WARNING, form.document(), "", "",
                    "This form has lost its answer boxes (it may have been re-saved in another program), so we read your answers from its table.",
                    "Use the current form from us next time, so your answers are read exactly."));
        }
        for (FormSchema.Field field : schema.fields()) {
            boolean required = field.required() || field.requiredWhen() != null
                    && form.is(field.requiredWhen().field(), field.requiredWhen().equals());
            Optional<String> answer = form.answer(field.id());
            if (answer.isEmpty()) {
                if (required) {
                    problems.add(new Defect("ANSWER_MISSING", Severity.ERROR, form.document(), field.label(), "",
                            "Enter " + lower(field.label()) + ".", field.naAllowed() ? "If it does not apply, write N/A." : field.help()));
                }
            } else if (Answers.isNotApplicable(answer.get()) && !field.naAllowed() && required) {
                problems.add(new Defect("ANSWER_NOT_APPLICABLE", Severity.ERROR, form.document(), field.label(), answer.get(),
                        lower(field.label()) + " cannot be N/A.", "Enter " + lower(field.label()) + "."));
            }
        }
    }

    /** A label inside a sentence: "Full name" becomes "full name", but "ICO registration number" stays. */
    static String lower(String label) {
        if (label.length() < 2 || Character.isUpperCase(label.charAt(1))) {
            return label;
        }
        return Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }
}
