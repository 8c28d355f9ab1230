package uk.gov.education.datasharing.intake.validate;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

import org.apache.commons.compress.archivers.zip.ZipFile;

import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.schema.DataTableLayout;

/**
 * Reads the requests in a data-table workbook without holding it: three streaming passes (StAX) over the
 * package's XML. Pass one keeps only the shared strings that mark structure (alias headers, column
 * headers, block titles, "Yes"); pass two walks every sheet, finds header rows by their first cell,
 * maps columns by header text (with the spellings in schemas/data-tables.yaml), follows the by-request
 * and default blocks, and notes the requested rows; pass three fetches just the strings those rows use.
 * {@link DataTablePass} holds one such reading; in the gateway its second pass is the inspector's (docs/adr/0022).
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

    /**
     * A reading of one workbook that the inspector feeds from its own pass over the sheets (docs/adr/0022); what it
     * gives is what {@link #read(String, SeekableByteChannel, InflateBudget)} gives for the same workbook.
     */
    public DataTablePass alongside(String document) {
        return new DataTablePass(document, tokens, false, maxRequested);
    }

    private DataTables read(String document, SeekableByteChannel channel, boolean allRows, InflateBudget budget) throws IOException {
        DataTablePass pass = new DataTablePass(document, tokens, allRows, maxRequested);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            pass.open(zip, budget);
            pass.close(zip, budget);
        } catch (RuntimeException e) {
            throw new IOException("not a readable workbook", e);
        }
        return pass.result();
    }

    /** The column of a cell reference ("AB12" is 27), from its leading letters A to Z (at most four); -1 without any. */
    static int columnIndex(String ref) {
        int index = 0;
        int i = 0;
        while (i < ref.length() && i < 4) {
            char c = ref.charAt(i);
            int letter = c >= 'A' && c <= 'Z' ? c - 'A' + 1 : c >= 'a' && c <= 'z' ? c - 'a' + 1 : 0;
            if (letter == 0) {
                break;
            }
            index = index * 26 + letter;
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
