package uk.gov.education.datasharing.intake.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.re2j.Pattern;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.FieldType;
import uk.gov.education.datasharing.intake.schema.FormSchema;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Answers have the right form: email, phone, date, ICO registration number, and one of the listed choices. */
final class AnswerFormats implements Rule {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{10,20}$");
    private static final Pattern ICO = Pattern.compile("^(Z\\d{7}|Z[AB]\\d{6})$");

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        return ApplicationFacts.inBothForms(submission, schemas, AnswerFormats::check);
    }

    private static List<Problem> check(FormAnswers form, FormSchema schema) {
        List<Problem> problems = new ArrayList<>();
        for (FormSchema.Field field : schema.fields()) {
            Optional<String> given = form.answer(field.id());
            if (given.isEmpty() || Answers.isNotApplicable(given.get())) {
                continue;
            }
            List<String> wrong = field.type() == FieldType.MULTI_CHOICE
                    ? Answers.values(given.get()).stream().filter(v -> !oneOf(field, v)).toList()
                    : valid(field, given.get()) ? List.of() : List.of(given.get());
            for (String answer : wrong) {
                problems.add(Problem.of(ProblemCode.ANSWER_FORMAT, form.document(), field.label(), answer)
                        .variant(field.type().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .with("label", ApplicationFacts.lower(field.label())).with("help", field.help())
                        .with("choices", String.join(", ", field.values())));
            }
        }
        return problems;
    }

    private static boolean valid(FormSchema.Field field, String answer) {
        return switch (field.type()) {
            case EMAIL -> EMAIL.matcher(answer).matches();
            case PHONE -> PHONE.matcher(answer).matches();
            case DATE -> Dates.parse(answer).isPresent();
            case ICO_NUMBER -> ICO.matcher(answer.replace(" ", "").toUpperCase(Locale.ROOT)).matches();
            case YES_NO -> answer.equalsIgnoreCase("Yes") || answer.equalsIgnoreCase("No");
            case CHOICE -> oneOf(field, answer);
            default -> true;
        };
    }

    private static boolean oneOf(FormSchema.Field field, String answer) {
        return field.values().stream().anyMatch(v -> v.equalsIgnoreCase(answer));
    }
}
