package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** A workbook with more requested rows than the reader keeps says that only the first ones were checked. */
final class RowsWithinLimit implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        return submission.tables().stream().filter(DataTables::truncated)
                .map(t -> Problem.of(ProblemCode.TOO_MANY_ROWS_REQUESTED, t.document(), "", String.valueOf(t.requested().size()))).toList();
    }
}
