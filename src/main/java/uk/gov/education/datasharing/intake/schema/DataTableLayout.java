package uk.gov.education.datasharing.intake.schema;

import java.util.List;
import java.util.Map;

/**
 * How a data-table workbook is laid out (the NPD layout, shared by ILR, HE and SWC): the header row is found
 * by its first cell matching {@code aliasHeader}, whose first group names the source ({@code sourceNames}
 * maps other names to a source: HESA is HE, SLD is NPD); columns are mapped by header text, with the known spellings
 * of each; the by-request block starts at a row whose first cell starts with {@code byRequestBlock}, the
 * default block at {@code defaultBlock}.
 */
public record DataTableLayout(String aliasHeader, Map<String, String> sourceNames, String byRequestBlock, String defaultBlock,
                              Map<String, List<String>> columns, List<String> yes, List<String> allYears, List<String> specificYears,
                              List<String> notApplicable) {

    /** Column keys the readers and rules use. */
    public static final String ALIAS = "alias";
    public static final String YEARS_POPULATED = "years-populated";
    public static final String IDENTIFIABILITY = "identifiability";
    public static final String SENSITIVITY = "sensitivity";
    public static final String REQUIRED = "required";
    public static final String YEARS_REQUIRED = "years-required";

    public DataTableLayout {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        sourceNames = sourceNames == null ? Map.of() : Map.copyOf(sourceNames);
        yes = yes == null ? List.of() : List.copyOf(yes);
        allYears = allYears == null ? List.of() : List.copyOf(allYears);
        specificYears = specificYears == null ? List.of() : List.copyOf(specificYears);
        notApplicable = notApplicable == null ? List.of() : List.copyOf(notApplicable);
    }
}
