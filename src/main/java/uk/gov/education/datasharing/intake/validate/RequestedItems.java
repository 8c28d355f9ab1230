package uk.gov.education.datasharing.intake.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Catalogue;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Every item requested in the submission's workbooks, with what the data-table rules judge it by: the
 * catalogue's entry when there is a catalogue for its source, and its identifiability and sensitivity
 * (the catalogue's, else the workbook's). Derived afresh by each rule that needs it; nothing is shared.
 */
record RequestedItems(DataTables tables, DataTables.RequestedItem item, Optional<Catalogue.Item> known, boolean catalogued,
                      String identifiability, String sensitivity) {

    static List<RequestedItems> of(Submission submission, Schemas schemas) {
        return submission.tables().stream().flatMap(tables -> {
            Optional<Catalogue> catalogue = schemas.catalogue(tables.source());
            return tables.requested().stream().map(item -> {
                Optional<Catalogue.Item> known = catalogue.flatMap(c -> c.item(item.alias()));
                String identifiability = known.map(k -> String.valueOf(k.identifiability())).orElse(item.identifiability().strip());
                String sensitivity = known.map(Catalogue.Item::sensitivity).orElse(item.sensitivity().strip()).toUpperCase(Locale.ROOT);
                return new RequestedItems(tables, item, known, catalogue.isPresent(), identifiability, sensitivity);
            });
        }).toList();
    }

    /** The problems of the items a condition picks, each about its item's cell. */
    static List<Problem> problems(Submission submission, Schemas schemas, java.util.function.Predicate<RequestedItems> condition,
                                  Function<RequestedItems, Problem> problem) {
        return of(submission, schemas).stream().filter(condition).map(problem).toList();
    }

    /** A problem about this item: where it is requested, and its alias as what was found. */
    Problem problem(ProblemCode code) {
        return Problem.of(code, tables.document(), "sheet " + item.sheet() + ", cell " + item.cell(), item.alias()).with("item", item.alias());
    }

    String alias() {
        return item.alias();
    }

    /**
     * The alias without its term and year placeholders: "SAON_[term][yy]" is SAON. What the pattern {@code _?\[.*$} would
     * remove, found without it: rules ask this of every requested item, often many times, and a regular expression per
     * call was most of validation's time for a 30,000-row workbook. As with that pattern, a placeholder is the first bracket
     * with no line break after it.
     */
    String stem() {
        return stem(item.alias().strip());
    }

    static String stem(String alias) {
        for (int bracket = alias.indexOf('['); bracket >= 0; bracket = alias.indexOf('[', bracket + 1)) {
            if (alias.indexOf('\n', bracket) < 0) {
                return alias.substring(0, bracket > 0 && alias.charAt(bracket - 1) == '_' ? bracket - 1 : bracket);
            }
        }
        return alias;
    }
}
