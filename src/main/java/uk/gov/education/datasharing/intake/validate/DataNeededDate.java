package uk.gov.education.datasharing.intake.validate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Defect.Severity;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Applications are considered at most a set number of months (schemas/rules.yaml) before the data is needed. */
public final class DataNeededDate implements Rule {

    static final String FIELD = "data.needed-by";

    @Override
    public void check(Submission submission, Schemas schemas, List<Defect> problems) {
        submission.form().ifPresent(form -> form.answer(FIELD).flatMap(Dates::parse).ifPresent(needed -> {
            int months = schemas.rules().dataNeededMaxMonthsAhead();
            LocalDate latest = submission.today().plusMonths(months);
            if (needed.isAfter(latest)) {
                String label = schemas.applicationForm().field(FIELD).map(f -> f.label()).orElse(FIELD);
                problems.add(new Defect("DATA_NEEDED_TOO_FAR_AHEAD", Severity.ERROR, form.document(), label,
                        needed.toString(), "We can only consider an application up to " + months + " months before the data is needed.",
                        "Apply again on or after " + needed.minusMonths(months).format(DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK))
                                + ", or change the date if you need the data sooner."));
            }
        }));
    }
}
