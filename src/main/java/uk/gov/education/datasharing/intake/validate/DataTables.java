package uk.gov.education.datasharing.intake.validate;

import java.util.List;

/**
 * What an applicant asked for in one data-table workbook: the items marked "Yes" in the by-request blocks,
 * with where they are and what the workbook says about them. {@code headers} counts the header rows found.
 */
public record DataTables(String document, String source, int headers, List<RequestedItem> requested, boolean truncated) implements ReadPart {

    public DataTables {
        requested = List.copyOf(requested);
    }

    /** One requested item; {@code cell} is where its request is (e.g. {@code G14}). */
    public record RequestedItem(String sheet, String cell, int row, String alias, String yearsRequired, String identifiability,
                                String sensitivity, String yearsPopulated) {
    }
}
