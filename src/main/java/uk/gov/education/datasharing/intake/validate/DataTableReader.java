package uk.gov.education.datasharing.intake.validate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import uk.gov.education.datasharing.intake.io.SafeXml;
import uk.gov.education.datasharing.intake.schema.DataTableLayout;

/**
 * Reads the requests in a data-table workbook without holding it: three streaming passes (StAX) over the
 * package's XML. Pass one keeps only the shared strings that mark structure (alias headers, column
 * headers, block titles, "Yes"); pass two walks every sheet, finds header rows by their first cell,
 * maps columns by header text (with the spellings in schemas/data-tables.yaml), follows the by-request
 * and default blocks, and notes the requested rows; pass three fetches just the strings those rows use.
 */
public final class DataTableReader {

    private static final String BY_REQUEST = "\u0000block:by-request";
    private static final String DEFAULT = "\u0000block:default";
    private static final String YES = "\u0000yes";
    private static final String COLUMN = "\u0000column:";
    private static final String ALIAS_HEADER = "\u0000alias:";


    private final DataTableLayout layout;
    private final Pattern aliasHeader;
    private final int maxRequested;
    /** Normalised header spelling to column key, and the block titles in lower case, computed once. */
    private final Map<String, String> headerSpellings = new HashMap<>();
    private final String byRequestBlock;
    private final String defaultBlock;

    public DataTableReader(DataTableLayout layout, int maxRequested) {
        this.layout = layout;
        this.aliasHeader = Pattern.compile(layout.aliasHeader());
        this.maxRequested = maxRequested;
        layout.columns().forEach((key, spellings) -> spellings.forEach(v -> headerSpellings.putIfAbsent(normal(v), key)));
        this.byRequestBlock = layout.byRequestBlock().toLowerCase(Locale.ROOT);
        this.defaultBlock = layout.defaultBlock().toLowerCase(Locale.ROOT);
    }

    /** @throws IOException when the workbook cannot be read as a workbook */
    public DataTables read(String document, SeekableByteChannel channel) throws IOException {
        return read(document, channel, false);
    }

    /**
     * Every item row of every block (by-request and default), requested or not: what {@code catalogue import}
     * builds a catalogue from.
     */
    public DataTables readAll(String document, SeekableByteChannel channel) throws IOException {
        return read(document, channel, true);
    }

    private DataTables read(String document, SeekableByteChannel channel, boolean allRows) throws IOException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            Map<String, String> sheets = sheetParts(zip);
            ZipArchiveEntry shared = zip.getEntry("xl/sharedStrings.xml");
            Map<Integer, String> structure = shared == null ? Map.of() : sharedStrings(zip, shared, null);
            Walk walk = new Walk(structure, allRows);
            for (Map.Entry<String, String> sheet : sheets.entrySet()) {
                ZipArchiveEntry entry = zip.getEntry(sheet.getValue());
                if (entry != null) {
                    walk.sheet(sheet.getKey(), zip, entry);
                }
            }
            Map<Integer, String> values = shared == null || walk.neededStrings.isEmpty() ? Map.of()
                    : sharedStrings(zip, shared, walk.neededStrings);
            List<DataTables.RequestedItem> items = new ArrayList<>();
            for (PendingRow row : walk.rows) {
                items.add(new DataTables.RequestedItem(row.sheet, row.cell, row.row, row.value(DataTableLayout.ALIAS, values),
                        row.value(DataTableLayout.YEARS_REQUIRED, values), row.value(DataTableLayout.IDENTIFIABILITY, values),
                        row.value(DataTableLayout.SENSITIVITY, values), row.value(DataTableLayout.YEARS_POPULATED, values)));
            }
            return new DataTables(document, walk.source, walk.headers, items, walk.truncated);
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("not a readable workbook", e);
        }
    }

    /** Sheet names in workbook order, with the part each lives in. */
    private static Map<String, String> sheetParts(ZipFile zip) throws IOException, XMLStreamException {
        Map<String, String> relationships = new HashMap<>();
        ZipArchiveEntry rels = zip.getEntry("xl/_rels/workbook.xml.rels");
        if (rels != null) {
            XMLStreamReader xml = SafeXml.reader(zip.getInputStream(rels));
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")) {
                        String target = String.valueOf(SafeXml.attribute(xml, "Target"));
                        target = target.startsWith("/") ? target.substring(1) : "xl/" + target;
                        relationships.put(SafeXml.attribute(xml, "Id"), target);
                    }
                }
            } finally {
                xml.close();
            }
        }
        Map<String, String> sheets = new LinkedHashMap<>();
        ZipArchiveEntry workbook = zip.getEntry("xl/workbook.xml");
        if (workbook == null) {
            throw new IOException("no workbook part");
        }
        XMLStreamReader xml = SafeXml.reader(zip.getInputStream(workbook));
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("sheet")) {
                    String part = relationships.get(SafeXml.attribute(xml, "id"));
                    if (part != null) {
                        sheets.put(String.valueOf(SafeXml.attribute(xml, "name")), part);
                    }
                }
            }
        } finally {
            xml.close();
        }
        return sheets;
    }

    /**
     * With {@code wanted} null: the structural strings, by index, as tokens. Otherwise: the text of the
     * wanted indices only.
     */
    private Map<Integer, String> sharedStrings(ZipFile zip, ZipArchiveEntry entry, Set<Integer> wanted) throws IOException, XMLStreamException {
        Map<Integer, String> found = new HashMap<>();
        try (InputStream in = zip.getInputStream(entry)) {
            XMLStreamReader xml = SafeXml.reader(in);
            try {
                int index = -1;
                boolean inText = false;
                boolean inPhonetic = false;
                StringBuilder text = new StringBuilder();
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        switch (xml.getLocalName()) {
                            case "si" -> {
                                index++;
                                text.setLength(0);
                            }
                            case "t" -> inText = !inPhonetic;
                            case "rPh" -> inPhonetic = true;
                            default -> {
                            }
                        }
                    } else if (event == XMLStreamConstants.CHARACTERS && inText) {
                        append(text, xml);
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        switch (xml.getLocalName()) {
                            case "t" -> inText = false;
                            case "rPh" -> inPhonetic = false;
                            case "si" -> {
                                if (wanted == null) {
                                    String token = token(text.toString());
                                    if (token != null) {
                                        found.put(index, token);
                                    }
                                } else if (wanted.contains(index)) {
                                    found.put(index, text.toString());
                                }
                            }
                            default -> {
                            }
                        }
                    }
                }
            } finally {
                xml.close();
            }
        }
        return found;
    }

    /** What a cell's text means to the layout, or null for ordinary content. */
    String token(String text) {
        String cell = text.strip();
        Matcher alias = aliasHeader.matcher(cell);
        if (alias.find()) {
            return ALIAS_HEADER + (alias.groupCount() >= 1 && alias.group(1) != null ? source(alias.group(1)) : "");
        }
        if (cell.length() > 200) {
            return null; // no header, block title or "Yes" is this long
        }
        String lower = cell.toLowerCase(Locale.ROOT);
        if (lower.startsWith(byRequestBlock)) {
            return BY_REQUEST;
        }
        if (lower.startsWith(defaultBlock)) {
            return DEFAULT;
        }
        String column = headerSpellings.get(normal(cell));
        if (column != null) {
            return COLUMN + column;
        }
        for (String yes : layout.yes()) {
            if (yes.equalsIgnoreCase(cell)) {
                return YES;
            }
        }
        return null;
    }

    private String source(String named) {
        String upper = named.toUpperCase(Locale.ROOT);
        return layout.sourceNames().getOrDefault(upper, upper);
    }

    private static String normal(String header) {
        return FormReader.normal(header);
    }

    private static void append(StringBuilder target, XMLStreamReader xml) {
        int room = 1_000 - target.length();
        if (room > 0) {
            target.append(xml.getTextCharacters(), xml.getTextStart(), Math.min(room, xml.getTextLength()));
        }
    }

    /** A cell as read: a shared-string index, or inline text. */
    private record Cell(int shared, String text) {
    }

    /** A requested row, its strings not yet fetched. */
    private static final class PendingRow {
        final String sheet;
        final String cell;
        final int row;
        final Map<String, Cell> cells = new HashMap<>();

        PendingRow(String sheet, String cell, int row) {
            this.sheet = sheet;
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

    private final class Walk {
        private final Map<Integer, String> structure;
        final List<PendingRow> rows = new ArrayList<>();
        final Set<Integer> neededStrings = new HashSet<>();
        String source = "";
        int headers;
        boolean truncated;

        private final boolean allRows;

        Walk(Map<Integer, String> structure, boolean allRows) {
            this.structure = structure;
            this.allRows = allRows;
        }

        void sheet(String name, ZipFile zip, ZipArchiveEntry entry) throws IOException, XMLStreamException {
            Map<Integer, String> columns = Map.of();
            boolean byRequest = true;
            try (InputStream in = zip.getInputStream(entry)) {
                XMLStreamReader xml = SafeXml.reader(in);
                try {
                    Map<Integer, Cell> row = new HashMap<>();
                    int rowNumber = 0;
                    int column = -1;
                    String type = null;
                    boolean inValue = false;
                    StringBuilder text = new StringBuilder();
                    int nextColumn = 0;
                    while (xml.hasNext()) {
                        int event = xml.next();
                        if (event == XMLStreamConstants.START_ELEMENT) {
                            switch (xml.getLocalName()) {
                                case "row" -> {
                                    row.clear();
                                    String r = SafeXml.attribute(xml, "r");
                                    rowNumber = r == null ? rowNumber + 1 : parseInt(r, rowNumber + 1);
                                    nextColumn = 0;
                                }
                                case "c" -> {
                                    String ref = SafeXml.attribute(xml, "r");
                                    column = ref == null ? nextColumn : columnIndex(ref);
                                    nextColumn = column + 1;
                                    type = SafeXml.attribute(xml, "t");
                                    text.setLength(0);
                                }
                                case "v", "t" -> inValue = true;
                                default -> {
                                }
                            }
                        } else if (event == XMLStreamConstants.CHARACTERS && inValue) {
                            append(text, xml);
                        } else if (event == XMLStreamConstants.END_ELEMENT) {
                            switch (xml.getLocalName()) {
                                case "v", "t" -> inValue = false;
                                case "c" -> {
                                    if (text.length() > 0 && column >= 0 && column < 16_384) {
                                        row.put(column, "s".equals(type) ? new Cell(parseInt(text.toString().trim(), -1), null)
                                                : new Cell(-1, text.toString()));
                                    }
                                }
                                case "row" -> {
                                    String first = firstToken(row);
                                    if (first != null && first.startsWith(ALIAS_HEADER)) {
                                        columns = headerColumns(row);
                                        headers++;
                                        if (source.isEmpty()) {
                                            source = first.substring(ALIAS_HEADER.length());
                                        }
                                    } else if (BY_REQUEST.equals(first)) {
                                        byRequest = true;
                                        columns = Map.of();
                                    } else if (DEFAULT.equals(first)) {
                                        byRequest = false;
                                        columns = Map.of();
                                    } else if ((byRequest || allRows) && !columns.isEmpty()) {
                                        dataRow(name, rowNumber, row, columns);
                                    }
                                }
                                default -> {
                                }
                            }
                        }
                    }
                } finally {
                    xml.close();
                }
            }
        }

        private String firstToken(Map<Integer, Cell> row) {
            int first = row.keySet().stream().mapToInt(Integer::intValue).min().orElse(-1);
            if (first < 0) {
                return null;
            }
            return meaning(row.get(first));
        }

        private String meaning(Cell cell) {
            return cell.shared() >= 0 ? structure.get(cell.shared()) : token(cell.text());
        }

        private Map<Integer, String> headerColumns(Map<Integer, Cell> row) {
            Map<Integer, String> columns = new HashMap<>();
            for (Map.Entry<Integer, Cell> cell : row.entrySet()) {
                String meaning = meaning(cell.getValue());
                if (meaning != null && meaning.startsWith(COLUMN)) {
                    columns.put(cell.getKey(), meaning.substring(COLUMN.length()));
                } else if (meaning != null && meaning.startsWith(ALIAS_HEADER)) {
                    columns.put(cell.getKey(), DataTableLayout.ALIAS);
                }
            }
            return columns.containsValue(DataTableLayout.REQUIRED) || allRows ? columns : Map.of();
        }

        private void dataRow(String sheet, int rowNumber, Map<Integer, Cell> row, Map<Integer, String> columns) {
            Integer requiredColumn = null;
            for (Map.Entry<Integer, String> c : columns.entrySet()) {
                if (c.getValue().equals(DataTableLayout.REQUIRED)) {
                    requiredColumn = c.getKey();
                }
            }
            Cell required = requiredColumn == null ? null : row.get(requiredColumn);
            if (!allRows && (required == null || !YES.equals(meaning(required)))) {
                return;
            }
            Integer aliasColumn = columns.entrySet().stream().filter(c -> c.getValue().equals(DataTableLayout.ALIAS))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (allRows && (aliasColumn == null || row.get(aliasColumn) == null || row.size() < 2)) {
                return; // a sub-table's title ("KS4 Exam Table") or a note, not an item
            }
            if (rows.size() >= maxRequested) {
                truncated = true;
                return;
            }
            PendingRow pending = new PendingRow(sheet, columnName(requiredColumn == null ? 0 : requiredColumn) + rowNumber, rowNumber);
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
    }

    static int columnIndex(String ref) {
        int index = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i)) && i < 4) {
            index = index * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        return index - 1;
    }

    static String columnName(int index) {
        StringBuilder name = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            name.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return name.toString();
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
