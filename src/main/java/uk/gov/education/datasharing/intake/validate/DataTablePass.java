package uk.gov.education.datasharing.intake.validate;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.io.SafeXml;
import uk.gov.education.datasharing.intake.io.WorksheetListener;
import uk.gov.education.datasharing.intake.schema.DataTableLayout;

/**
 * One reading of a data-table workbook by {@link DataTableReader}'s three steps: the structural shared strings
 * and the sheet list ({@link #open}), every sheet ({@link SheetWalk}), then the strings the requested rows use
 * ({@link #close}). The sheets come either from the inspector's pass over them, as a {@link WorksheetListener}
 * (docs/adr/0022), or, for any the inspector did not feed, from reading them here. Failures are kept, not
 * thrown: {@link #result()} gives them as an IOException, as a separate read would have.
 */
public final class DataTablePass implements WorksheetListener {

    /** The kinds of sheet event passed on. */
    private static final int START = 0;
    private static final int TEXT = 1;
    private static final int END = 2;

    /** A sheet of the workbook: its name and place. */
    private record Sheet(String name, int index) {
    }

    private final LayoutTokens tokens;
    private final boolean allRows;
    private final int maxRequested;
    private final String document;
    private Map<String, Sheet> sheetsByPart;
    private final Set<String> walked = new HashSet<>();
    private ZipArchiveEntry shared;
    private SheetWalk walk;
    private DataTables tables;
    private Exception failure;
    private boolean closed;

    DataTablePass(String document, LayoutTokens tokens, boolean allRows, int maxRequested) {
        this.document = document;
        this.tokens = tokens;
        this.allRows = allRows;
        this.maxRequested = maxRequested;
    }

    @Override
    public void open(ZipFile zip, InflateBudget budget) {
        try {
            Map<String, String> sheets = WorkbookParts.sheetParts(zip, budget);
            sheetsByPart = new LinkedHashMap<>();
            int index = 0;
            for (Map.Entry<String, String> sheet : sheets.entrySet()) {
                // each part once: a crafted workbook can name one large part under a thousand sheets
                sheetsByPart.putIfAbsent(sheet.getValue(), new Sheet(sheet.getKey(), index++));
            }
            shared = zip.getEntry("xl/sharedStrings.xml");
            Map<Integer, String> structure = shared == null ? Map.of() : WorkbookParts.sharedStrings(zip, shared, null, tokens, budget);
            walk = new SheetWalk(tokens, structure, allRows, maxRequested);
        } catch (IOException | XMLStreamException | RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public SheetEvents sheet(String part) {
        Sheet sheet = failure == null && walk != null ? sheetsByPart.get(part) : null;
        if (sheet == null || !walked.add(part)) {
            return null;
        }
        walk.begin(sheet.name(), sheet.index());
        return new SheetEvents() {
            @Override
            public void start(XMLStreamReader xml) {
                event(START, xml);
            }

            @Override
            public void characters(XMLStreamReader xml) {
                event(TEXT, xml);
            }

            @Override
            public void end(XMLStreamReader xml) {
                event(END, xml);
            }
        };
    }

    /** One event, unless this pass has failed; a failure stops it (the inspector's pass goes on). No lambda: there are millions. */
    private void event(int kind, XMLStreamReader xml) {
        if (failure != null) {
            return;
        }
        try {
            switch (kind) {
                case START -> walk.start(xml);
                case TEXT -> walk.characters(xml);
                default -> walk.end(xml.getLocalName());
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public void close(ZipFile zip, InflateBudget budget) {
        closed = true;
        if (failure != null || walk == null) {
            return;
        }
        try {
            for (Map.Entry<String, Sheet> sheet : sheetsByPart.entrySet()) {
                ZipArchiveEntry entry = zip.getEntry(sheet.getKey());
                if (entry != null && walked.add(sheet.getKey())) {
                    walkSheet(zip, entry, sheet.getValue(), budget);
                }
            }
            Map<Integer, String> values = shared == null || walk.neededStrings.isEmpty() ? Map.of()
                    : WorkbookParts.sharedStrings(zip, shared, walk.neededStrings, tokens, budget);
            List<DataTables.RequestedItem> items = new ArrayList<>();
            for (SheetWalk.PendingRow row : walk.rowsInWorkbookOrder()) {
                items.add(new DataTables.RequestedItem(row.sheet, row.cell, row.row, row.value(DataTableLayout.ALIAS, values),
                        row.value(DataTableLayout.YEARS_REQUIRED, values), row.value(DataTableLayout.IDENTIFIABILITY, values),
                        row.value(DataTableLayout.SENSITIVITY, values), row.value(DataTableLayout.YEARS_POPULATED, values)));
            }
            tables = new DataTables(document, walk.source, walk.headers, items, walk.truncated);
        } catch (IOException | XMLStreamException | RuntimeException e) {
            failure = e;
        }
    }

    private void walkSheet(ZipFile zip, ZipArchiveEntry entry, Sheet sheet, InflateBudget budget) throws IOException, XMLStreamException {
        try (InputStream in = budget.wrap(zip.getInputStream(entry))) {
            XMLStreamReader xml = SafeXml.reader(in);
            try {
                walk.sheet(sheet.name(), sheet.index(), xml);
            } finally {
                xml.close();
            }
        }
    }

    /** Whether the workbook was read to the end, well or not: false when the inspector stopped before its last sheet. */
    public boolean finished() {
        return closed;
    }

    /**
     * What the workbook requests.
     *
     * @throws IOException when it could not be read as a workbook (or reading never finished)
     */
    public DataTables result() throws IOException {
        if (tables != null) {
            return tables;
        }
        throw new IOException("not a readable workbook", failure);
    }
}
