package uk.gov.education.datasharing.intake.validate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Applications are considered at most a set number of months (schemas/rules.yaml) before the data is needed. */
final class DataNeededDate implements Rule {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        String field = ApplicationFacts.answers(schemas).dataNeededBy();
        int months = schemas.rules().dataNeededMaxMonthsAhead();
        Optional<FormAnswers> form = submission.form();
        Optional<LocalDate> needed = form.flatMap(f -> f.answer(field)).flatMap(Dates::parse);
        if (needed.isEmpty() || !needed.get().isAfter(submission.today().plusMonths(months))) {
            return List.of();
        }
        String label = schemas.applicationForm().field(field).map(f -> f.label()).orElse(field);
        return List.of(Problem.of(ProblemCode.DATA_NEEDED_TOO_FAR_AHEAD, form.get().document(), label, needed.get().toString())
                .with("months", months).with("apply-from", needed.get().minusMonths(months).format(DAY)));
    }
}
