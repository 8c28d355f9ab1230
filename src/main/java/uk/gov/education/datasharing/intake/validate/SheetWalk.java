package uk.gov.education.datasharing.intake.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import uk.gov.education.datasharing.intake.io.SafeXml;
import uk.gov.education.datasharing.intake.schema.DataTableLayout;

/**
 * The second pass of {@link DataTableReader}, over every sheet of one workbook: finds header rows by their
 * first cell, maps columns by header text, follows the by-request and default blocks, and notes the
 * requested rows (or every item row, for a catalogue) with the shared strings they will need.
 */
final class SheetWalk {

    private static final int MAX_COLUMNS = 16_384;

    /** A cell as read: a shared-string index, or inline text. */
    record Cell(int shared, String text) {
    }

    /** A requested row, its strings not yet fetched. */
    static final class PendingRow {
        final String sheet;
        final int sheetIndex;
        final String cell;
        final int row;
        final Map<String, Cell> cells = new HashMap<>();

        PendingRow(String sheet, int sheetIndex, String cell, int row) {
            this.sheet = sheet;
            this.sheetIndex = sheetIndex;
            this.cell = cell;
            this.row = row;
        }

        String value(String column, Map<Integer, String> shared) {
            Cell c = cells.get(column);
            if (c == null) {
                return "";
            }
            return c.shared() >= 0 ? shared.getOrDefault(c.shared(), "") : c.text();
        }
    }

    private final LayoutTokens tokens;
    private final Map<Integer, String> structure;
    private final boolean allRows;
    private final int maxRows;
    final List<PendingRow> rows = new ArrayList<>();
    final Set<Integer> neededStrings = new HashSet<>();
    String source = "";
    private int sourceSheet = Integer.MAX_VALUE;
    int headers;
    boolean truncated;

    // the sheet being read
    private String sheet;
    private int sheetIndex;
    private Map<Integer, String> columns;
    private boolean byRequest;
    private final Map<Integer, Cell> row = new HashMap<>();
    private final StringBuilder text = new StringBuilder();
    private int rowNumber;
    private int column;
    private int firstColumn = -1;
    private int nextColumn;
    private String type;
    private boolean inValue;

    SheetWalk(LayoutTokens tokens, Map<Integer, String> structure, boolean allRows, int maxRows) {
        this.tokens = tokens;
        this.structure = structure;
        this.allRows = allRows;
        this.maxRows = maxRows;
    }

    /** Reads one whole sheet from its own reader. */
    void sheet(String name, int index, XMLStreamReader xml) throws XMLStreamException {
        begin(name, index);
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                start(xml);
            } else if (event == XMLStreamConstants.CHARACTERS) {
                characters(xml);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                end(xml.getLocalName());
            }
        }
    }

    /** Starts a sheet whose events follow; {@code index} is its place in the workbook, which orders the rows found. */
    void begin(String name, int index) {
        sheet = name;
        sheetIndex = index;
        columns = Map.of();
        byRequest = true;
        rowNumber = 0;
        inValue = false;
    }

    void characters(XMLStreamReader xml) {
        if (inValue) {
            SafeXml.appendText(text, xml, WorkbookParts.MAX_TEXT);
        }
    }

    /** The rows found, in workbook order of their sheets (sheets may be fed in another order). */
    List<PendingRow> rowsInWorkbookOrder() {
        List<PendingRow> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparingInt(r -> r.sheetIndex));
        return ordered;
    }

    void start(XMLStreamReader xml) {
        switch (xml.getLocalName()) {
            case "row" -> {
                row.clear();
                firstColumn = -1;
                String r = SafeXml.attribute(xml, "r");
                rowNumber = r == null ? rowNumber + 1 : DataTableReader.parseInt(r, rowNumber + 1);
                nextColumn = 0;
            }
            case "c" -> {
                String ref = SafeXml.attribute(xml, "r");
                column = ref == null ? nextColumn : DataTableReader.columnIndex(ref);
                nextColumn = column + 1;
                type = SafeXml.attribute(xml, "t");
                text.setLength(0);
            }
            case "v", "t" -> inValue = true;
            default -> {
            }
        }
    }

    void end(String element) {
        switch (element) {
            case "v", "t" -> inValue = false;
            case "c" -> {
                if (text.length() > 0 && column >= 0 && column < MAX_COLUMNS) {
                    row.put(column, "s".equals(type) ? new Cell(sharedIndex(), null) : new Cell(-1, text.toString()));
                    firstColumn = firstColumn < 0 ? column : Math.min(firstColumn, column);
                }
            }
            case "row" -> endRow();
            default -> {
            }
        }
    }

    private void endRow() {
        String first = firstToken();
        if (first != null && first.startsWith(LayoutTokens.ALIAS_HEADER)) {
            columns = headerColumns();
            headers++;
            if (sheetIndex < sourceSheet) { // the first alias header of the first sheet that has one
                source = first.substring(LayoutTokens.ALIAS_HEADER.length());
                sourceSheet = sheetIndex;
            }
        } else if (LayoutTokens.BY_REQUEST.equals(first) || LayoutTokens.DEFAULT.equals(first)) {
            byRequest = LayoutTokens.BY_REQUEST.equals(first);
            columns = Map.of();
        } else if ((byRequest || allRows) && !columns.isEmpty()) {
            dataRow();
        }
    }

    private String firstToken() {
        return firstColumn < 0 ? null : meaning(row.get(firstColumn));
    }

    /** A shared-string cell's index; a cell that has none is a malformed workbook, which cannot be read. */
    private int sharedIndex() {
        int index = SafeXml.index(text);
        if (index < 0) {
            throw new IllegalStateException("a shared-string cell without a string index");
        }
        return index;
    }

    private String meaning(Cell cell) {
        return cell.shared() >= 0 ? structure.get(cell.shared()) : tokens.token(cell.text());
    }

    private Map<Integer, String> headerColumns() {
        Map<Integer, String> found = new HashMap<>();
        for (Map.Entry<Integer, Cell> cell : row.entrySet()) {
            String meaning = meaning(cell.getValue());
            if (meaning != null && meaning.startsWith(LayoutTokens.COLUMN)) {
                found.put(cell.getKey(), meaning.substring(LayoutTokens.COLUMN.length()));
            } else if (meaning != null && meaning.startsWith(LayoutTokens.ALIAS_HEADER)) {
                found.put(cell.getKey(), DataTableLayout.ALIAS);
            }
        }
        return found.containsValue(DataTableLayout.REQUIRED) || allRows ? found : Map.of();
    }

    private void dataRow() {
        Integer requiredColumn = columnOf(DataTableLayout.REQUIRED);
        Cell required = requiredColumn == null ? null : row.get(requiredColumn);
        if (!allRows && (required == null || !LayoutTokens.YES.equals(meaning(required)))) {
            return;
        }
        Integer aliasColumn = columns.entrySet().stream().filter(c -> c.getValue().equals(DataTableLayout.ALIAS))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (allRows && (aliasColumn == null || row.get(aliasColumn) == null || row.size() < 2)) {
            return; // a sub-table's title ("KS4 Exam Table") or a note, not an item
        }
        if (rows.size() >= maxRows) {
            truncated = true;
            return;
        }
        PendingRow pending = new PendingRow(sheet, sheetIndex, DataTableReader.columnName(requiredColumn == null ? 0 : requiredColumn) + rowNumber,
                rowNumber);
        for (Map.Entry<Integer, String> c : columns.entrySet()) {
            Cell cell = row.get(c.getKey());
            if (cell != null) {
                pending.cells.put(c.getValue(), cell);
                if (cell.shared() >= 0) {
                    neededStrings.add(cell.shared());
                }
            }
        }
        rows.add(pending);
    }

    /** The column with this key in the current header (the last found, when the header repeats it). */
    private Integer columnOf(String key) {
        Integer found = null;
        for (Map.Entry<Integer, String> c : columns.entrySet()) {
            if (c.getValue().equals(key)) {
                found = c.getKey();
            }
        }
        return found;
    }
}
