package uk.gov.education.datasharing.intake.validate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import uk.gov.education.datasharing.intake.io.InflateBudget;
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

    private final LayoutTokens tokens;
    private final int maxRequested;

    public DataTableReader(DataTableLayout layout, int maxRequested) {
        this.tokens = new LayoutTokens(layout);
        this.maxRequested = maxRequested;
    }

    /** @throws IOException when the workbook cannot be read as a workbook */
    public DataTables read(String document, SeekableByteChannel channel) throws IOException {
        return read(document, channel, false, new InflateBudget(Long.MAX_VALUE));
    }

    /** Reads within the file's inflate budget; past it the workbook cannot be read. */
    public DataTables read(String document, SeekableByteChannel channel, InflateBudget budget) throws IOException {
        return read(document, channel, false, budget);
    }

    /**
     * Every item row of every block (by-request and default), requested or not: what {@code catalogue import}
     * builds a catalogue from.
     */
    public DataTables readAll(String document, SeekableByteChannel channel) throws IOException {
        return read(document, channel, true, new InflateBudget(Long.MAX_VALUE));
    }

    private DataTables read(String document, SeekableByteChannel channel, boolean allRows, InflateBudget budget) throws IOException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            Map<String, String> sheets = WorkbookParts.sheetParts(zip, budget);
            ZipArchiveEntry shared = zip.getEntry("xl/sharedStrings.xml");
            Map<Integer, String> structure = shared == null ? Map.of() : WorkbookParts.sharedStrings(zip, shared, null, tokens, budget);
            SheetWalk walk = new SheetWalk(tokens, structure, allRows, maxRequested);
            Set<String> walked = new HashSet<>();
            for (Map.Entry<String, String> sheet : sheets.entrySet()) {
                ZipArchiveEntry entry = zip.getEntry(sheet.getValue());
                // each part once: a crafted workbook can name one large part under a thousand sheets
                if (entry != null && walked.add(sheet.getValue())) {
                    walkSheet(zip, entry, sheet.getKey(), walk, budget);
                }
            }
            Map<Integer, String> values = shared == null || walk.neededStrings.isEmpty() ? Map.of()
                    : WorkbookParts.sharedStrings(zip, shared, walk.neededStrings, tokens, budget);
            List<DataTables.RequestedItem> items = new ArrayList<>();
            for (SheetWalk.PendingRow row : walk.rows) {
                items.add(new DataTables.RequestedItem(row.sheet, row.cell, row.row, row.value(DataTableLayout.ALIAS, values),
                        row.value(DataTableLayout.YEARS_REQUIRED, values), row.value(DataTableLayout.IDENTIFIABILITY, values),
                        row.value(DataTableLayout.SENSITIVITY, values), row.value(DataTableLayout.YEARS_POPULATED, values)));
            }
            return new DataTables(document, walk.source, walk.headers, items, walk.truncated);
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("not a readable workbook", e);
        }
    }

    private static void walkSheet(ZipFile zip, ZipArchiveEntry entry, String name, SheetWalk walk, InflateBudget budget)
            throws IOException, XMLStreamException {
        try (InputStream in = budget.wrap(zip.getInputStream(entry))) {
            XMLStreamReader xml = SafeXml.reader(in);
            try {
                walk.sheet(name, xml);
            } finally {
                xml.close();
            }
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

    static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
