package uk.gov.education.datasharing.intake.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Catalogue;
import uk.gov.education.datasharing.intake.schema.DataTableLayout;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Every requested item says which years it is wanted for ("All available", or specific years), and
 * specific years fall within the years it is populated (the catalogue's, else the workbook's).
 */
final class YearsRequested implements Rule {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*/\\s*(\\d{2,4})|\\b(\\d{4})\\b");

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        List<Problem> problems = new ArrayList<>();
        for (RequestedItems item : RequestedItems.of(submission, schemas)) {
            check(item, schemas.dataTables()).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<Problem> check(RequestedItems i, DataTableLayout layout) {
        String given = i.item().yearsRequired().strip();
        String lower = given.toLowerCase(Locale.ROOT);
        boolean all = layout.allYears().stream().anyMatch(a -> lower.startsWith(a.toLowerCase(Locale.ROOT)));
        boolean notApplicable = layout.notApplicable().stream().anyMatch(a -> lower.startsWith(a.toLowerCase(Locale.ROOT)));
        if (given.isEmpty()) {
            return Optional.of(i.problem(ProblemCode.YEARS_MISSING));
        }
        if (all || notApplicable) {
            return Optional.empty(); // no years to check (and most requests say "All available": no pattern run for them)
        }
        List<Integer> years = startYears(given);
        if (years.isEmpty()) {
            return Optional.of(i.problem(ProblemCode.YEARS_MISSING));
        }
        String populated = i.known().map(Catalogue.Item::yearsPopulated).orElse(i.item().yearsPopulated());
        List<Integer> range = startYears(populated);
        if (range.isEmpty()) {
            return Optional.empty();
        }
        int from = range.get(0);
        int to = populated.strip().endsWith("-") ? Integer.MAX_VALUE : range.get(range.size() - 1);
        return years.stream().filter(year -> year < from || year > to).findFirst()
                .map(year -> i.problem(ProblemCode.YEARS_NOT_POPULATED).with("populated", populated.strip())
                        .with("year", year + "/" + String.format("%02d", (year + 1) % 100)));
    }

    /** The academic years named in a text, by their first calendar year ("2015/16" is 2015). */
    static List<Integer> startYears(String text) {
        List<Integer> years = new ArrayList<>();
        Matcher m = YEAR.matcher(text);
        while (m.find() && years.size() < 100) {
            years.add(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3)));
        }
        return years;
    }
}
