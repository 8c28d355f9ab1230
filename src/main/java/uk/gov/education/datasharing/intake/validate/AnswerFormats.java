package uk.gov.education.datasharing.intake.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Defect.Severity;
import uk.gov.education.datasharing.intake.schema.FormSchema;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Answers have the right form: email, phone, date, ICO registration number, and one of the listed choices. */
public final class AnswerFormats implements Rule {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{10,20}$");
    private static final Pattern ICO = Pattern.compile("^(Z\\d{7}|Z[AB]\\d{6})$");

    @Override
    public void check(Submission submission, Schemas schemas, List<Defect> problems) {
        submission.form().ifPresent(form -> check(form, schemas.applicationForm(), problems));
        submission.questionnaire().ifPresent(form -> check(form, schemas.questionnaire(), problems));
    }

    private static void check(FormAnswers form, FormSchema schema, List<Defect> problems) {
        for (FormSchema.Field field : schema.fields()) {
            Optional<String> given = form.answer(field.id());
            if (given.isEmpty() || Answers.isNotApplicable(given.get())) {
                continue;
            }
            String answer = given.get();
            String label = FormCompleteness.lower(field.label());
            switch (field.type()) {
                case EMAIL -> {
                    if (!EMAIL.matcher(answer).matches()) {
                        problems.add(format(form, field, answer, "Enter " + label + " in the right format, like name@example.org."));
                    }
                }
                case PHONE -> {
                    if (!PHONE.matcher(answer).matches()) {
                        problems.add(format(form, field, answer, "Enter " + label + ", like 020 7946 0000 or +44 20 7946 0000."));
                    }
                }
                case DATE -> {
                    if (Dates.parse(answer).isEmpty()) {
                        problems.add(format(form, field, answer, "Enter " + label + " as a real date, like 27/3/2027."));
                    }
                }
                case ICO_NUMBER -> {
                    if (!ICO.matcher(answer.replace(" ", "").toUpperCase(Locale.ROOT)).matches()) {
                        problems.add(format(form, field, answer,
                                "Enter " + label + " as Z followed by 7 digits, or ZA or ZB followed by 6 digits."));
                    }
                }
                case YES_NO -> {
                    if (!answer.equalsIgnoreCase("Yes") && !answer.equalsIgnoreCase("No")) {
                        problems.add(format(form, field, answer, "Answer " + label + " with Yes or No."));
                    }
                }
                case CHOICE -> {
                    if (field.values().stream().noneMatch(v -> v.equalsIgnoreCase(answer))) {
                        problems.add(format(form, field, answer, "Choose " + label + " from: " + String.join(", ", field.values()) + "."));
                    }
                }
                case MULTI_CHOICE -> {
                    for (String value : Answers.values(answer)) {
                        if (field.values().stream().noneMatch(v -> v.equalsIgnoreCase(value))) {
                            problems.add(format(form, field, value, "Choose " + label + " from: " + String.join(", ", field.values()) + "."));
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private static Defect format(FormAnswers form, FormSchema.Field field, String answer, String message) {
        return new Defect("ANSWER_FORMAT", Severity.ERROR, form.document(), field.label(), answer, message, field.help());
    }
}
