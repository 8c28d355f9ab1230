package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Requested items are ones the data tables list: the catalogue knows them, or, without a catalogue, the
 * row has the classification cells the publisher fills in (an empty pair means the applicant added it).
 */
final class KnownItems implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        return RequestedItems.problems(submission, schemas, KnownItems::unknown, i -> i.problem(ProblemCode.UNKNOWN_ITEM));
    }

    private static boolean unknown(RequestedItems i) {
        boolean added = !i.catalogued() && i.item().identifiability().isBlank() && i.item().sensitivity().isBlank();
        return i.catalogued() && i.known().isEmpty() || added;
    }
}
