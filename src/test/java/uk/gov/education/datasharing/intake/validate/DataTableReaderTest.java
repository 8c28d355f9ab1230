package uk.gov.education.datasharing.intake.validate;

import uk.gov.education.datasharing.intake.HostileFiles;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.Requires;
import uk.gov.education.datasharing.intake.schema.Schemas;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30) // hostile input: a regression into a hang fails here instead of hanging the build
class DataTableReaderTest {

    static final Schemas SCHEMAS = Schemas.load(Path.of("schemas"));

    @TempDir
    Path dir;

    DataTables read(byte[] workbook) throws IOException {
        Path file = dir.resolve("w" + System.nanoTime() + ".xlsx");
        Files.write(file, workbook);
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            return new DataTableReader(SCHEMAS.dataTables(), 100_000).read("tables.xlsx", channel);
        }
    }

    /** Title, by-request block with applicant columns, then a default block; both header spellings. */
    static byte[] workbook(String alias, String[]... byRequestRows) {
        String[][] rows = new String[6 + byRequestRows.length][];
        rows[0] = new String[] {"School Census Pupil Level"};
        rows[1] = new String[] {"FULL ADDRESS WILL NOT BE PROVIDED TO ONS SRS"};
        rows[2] = new String[] {"'By request' Data items"};
        rows[3] = new String[] {alias, "FieldReference", "Years Populated", "Description", "Identification Risk", "Sensitivity",
                "Data request data item required?", "Data request years required?"};
        System.arraycopy(byRequestRows, 0, rows, 4, byRequestRows.length);
        rows[4 + byRequestRows.length] = new String[] {"Default Data Items (applicants will receive these)"};
        rows[5 + byRequestRows.length] = new String[] {alias, "FieldReference", "Years Populated", "Description"};
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("Front_Cover", new String[][] {{"NPD data tables"}});
        sheets.put("SC_Pupil_01-02_to_17-18_SUM", rows);
        return Documents.xlsx(sheets);
    }

    static String[] item(String alias, String ident, String sens, String required, String years) {
        return new String[] {alias, "F1", "2001/02 - ", "d", ident, sens, required, years};
    }

    @Test
    void readsOnlyTheItemsMarkedYesInTheByRequestBlockWithWhereTheyAre() throws IOException {
        DataTables tables = read(workbook("NPD Alias", item("EthnicGroupMajor", "5", "D", "Yes", "All available"),
                item("FSMeligible", "5", "C", "No", ""), item("UPN", "2", "E", "Yes", "Specific years 2015/16, 2016/17")));
        assertThat(tables.source()).isEqualTo("NPD");
        assertThat(tables.headers()).isEqualTo(2);
        assertThat(tables.requested()).extracting(DataTables.RequestedItem::alias).containsExactly("EthnicGroupMajor", "UPN");
        DataTables.RequestedItem upn = tables.requested().get(1);
        assertThat(upn.sheet()).isEqualTo("SC_Pupil_01-02_to_17-18_SUM");
        assertThat(upn.cell()).isEqualTo("G7");
        assertThat(upn.identifiability()).isEqualTo("2");
        assertThat(upn.yearsRequired()).isEqualTo("Specific years 2015/16, 2016/17");
        assertThat(upn.yearsPopulated()).isEqualTo("2001/02 - ");
    }

    @Test
    void readsInlineStringsAsWrittenByStreamingWriters() throws IOException {
        Path file = dir.resolve("streamed.xlsx");
        Documents.largeNpdWorkbook(file, 500, 7);
        DataTables tables = read(Files.readAllBytes(file));
        assertThat(tables.headers()).isEqualTo(1);
        assertThat(tables.requested()).isNotEmpty().allSatisfy(i -> assertThat(i.alias()).startsWith("KS4_"));
    }

    @Test
    void boundsTheNumberOfRequestedRowsKept() throws IOException {
        Path file = dir.resolve("streamed.xlsx");
        Documents.largeNpdWorkbook(file, 2_000, 7);
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            DataTables tables = new DataTableReader(SCHEMAS.dataTables(), 10).read("t.xlsx", channel);
            assertThat(tables.requested()).hasSize(10);
            assertThat(tables.truncated()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple_table.xlsx", "single_sheet_table.xlsx", "manual_import_reduced_table.xlsx"})
    void readsTheRealNpdWorkbooks(String name) throws IOException {
        Path real = Requires.npdWorkbook(name);
        DataTables tables = read(Files.readAllBytes(real));
        assertThat(tables.source()).isEqualTo("NPD");
        assertThat(tables.headers()).isGreaterThanOrEqualTo(1);
        System.out.println(name + ": " + tables.headers() + " header rows, " + tables.requested().size() + " requested: "
                + tables.requested().stream().limit(5).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple_table.xlsx", "single_sheet_table.xlsx", "manual_import_reduced_table.xlsx"})
    void readsASelectionMarkedInARealNpdWorkbook(String name) throws Exception {
        Path real = Requires.npdWorkbook(name);
        String expectedAlias = null;
        String expectedCell = null;
        byte[] marked;
        // simple_table.xlsx's 723 KB stylesheet compresses beyond POI's default bomb ratio; this is only the fixture's editor
        org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(0.001);
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(real))) {
            outer:
            for (var sheet : wb) {
                for (var row : sheet) {
                    for (var cell : row) {
                        if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                                && cell.getStringCellValue().trim().equals("Data request data item required?")) {
                            var next = sheet.getRow(row.getRowNum() + 1);
                            expectedAlias = next.getCell(0).getStringCellValue();
                            next.createCell(cell.getColumnIndex()).setCellValue("Yes");
                            next.createCell(cell.getColumnIndex() + 1).setCellValue("All available");
                            expectedCell = org.apache.poi.ss.util.CellReference.convertNumToColString(cell.getColumnIndex())
                                    + (row.getRowNum() + 2);
                            break outer;
                        }
                    }
                }
            }
            var out = new java.io.ByteArrayOutputStream();
            wb.write(out);
            marked = out.toByteArray();
        }
        DataTables tables = read(marked);
        assertThat(tables.requested()).hasSize(1);
        assertThat(tables.requested().get(0).yearsRequired()).isEqualTo("All available");
        assertThat(tables.requested().get(0).cell()).isEqualTo(expectedCell);
        assertThat(tables.requested().get(0).alias()).isEqualTo(expectedAlias);
    }

    /** Issue 9: a thousand sheet entries naming one 20 MB part made the reader parse it a thousand times. */
    @Test
    void aCellReferenceGivesItsColumnFromItsLeadingAsciiLetters() {
        assertThat(DataTableReader.columnIndex("A1")).isZero();
        assertThat(DataTableReader.columnIndex("Z9")).isEqualTo(25);
        assertThat(DataTableReader.columnIndex("AA10")).isEqualTo(26);
        assertThat(DataTableReader.columnIndex("xfd1048576")).isEqualTo(16_383);
        assertThat(DataTableReader.columnIndex("AAAAA1")).as("four letters at most").isEqualTo(DataTableReader.columnIndex("AAAA1"));
        assertThat(DataTableReader.columnIndex("12")).isEqualTo(-1);
        assertThat(DataTableReader.columnIndex("\u00c91")).as("not a column letter").isEqualTo(-1);
        for (int column = 0; column < 16_384; column++) {
            assertThat(DataTableReader.columnIndex(DataTableReader.columnName(column) + "7")).isEqualTo(column);
        }
    }

    @Test
    void aPartNamedByManySheetsIsReadOnce() throws IOException {
        DataTables tables = read(HostileFiles.manySheetsOnePart(1_000, 20_000));
        assertThat(tables.headers()).isEqualTo(1);
        assertThat(tables.source()).isEqualTo("NPD");
    }
}
