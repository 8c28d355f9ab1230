package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.ProjectSchemas;
import uk.gov.education.datasharing.intake.Requires;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.io.WorksheetListener;
import uk.gov.education.datasharing.intake.model.FileCheck.Verdict;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.validate.DataTablePass;
import uk.gov.education.datasharing.intake.validate.DataTables;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/adr/0022: a workbook's sheets are parsed once, by inspection, and the data-table reader is fed from that pass. */
@Timeout(60)
class WorkbookOnePassTest {

    private static final String SHEET = "xl/worksheets/sheet1.xml";

    @TempDir
    Path dir;

    private final FileInspector inspector = new FileInspector(
            GatewayConfig.limits(Settings.load(null, null, Map.of(), new java.util.Properties())).inspection(), Scanner.NONE);

    /** What inspecting with a pass alongside, then parsing, gives; and what parsing on its own gives. */
    private record Both(InspectFile.Inspected inspected, SubmissionReader.Parsed onePass, SubmissionReader.Parsed separate) {
    }

    private Both inspectAndRead(byte[] workbook, long inflateBudget) throws IOException {
        InspectFile inspect = new InspectFile(inspector, inflateBudget);
        try (EncryptedSpool file = EncryptedSpool.write(dir, out -> out.write(workbook), Long.MAX_VALUE)) {
            ReceivedFile named = new ReceivedFile(1, "1.2", "npd-data-tables.xlsx", "npd-data-tables.xlsx", "application/octet-stream",
                    workbook.length, file.sha256());
            SubmissionReader reader = new SubmissionReader(ProjectSchemas.SCHEMAS, 100_000);
            DataTablePass pass = reader.tablesAlongside();
            InspectFile.Inspected inspected = inspect.inspect(file, named, null, pass);
            assertThat(pass.finished()).as("inspection read the workbook to its end and handed the pass its result to make").isTrue();
            SubmissionReader.Parsed onePass = InspectFile.read(file, inspected, reader, pass);
            InspectFile roomy = new InspectFile(inspector, Long.MAX_VALUE);
            InspectFile.Inspected alone = roomy.inspect(file, named, null, WorksheetListener.NONE);
            SubmissionReader.Parsed separate = InspectFile.read(file, alone, new SubmissionReader(ProjectSchemas.SCHEMAS, 100_000), null);
            assertThat(alone.content()).as("what inspection finds does not depend on the pass fed from it").isEqualTo(inspected.content());
            return new Both(inspected, onePass, separate);
        }
    }

    @Test
    void theSheetsReadDuringInspectionGiveWhatAReadOfTheirOwnGives() throws IOException {
        Both both = inspectAndRead(Documents.npdWorkbook("NPD Alias"), Long.MAX_VALUE);
        assertThat(both.inspected().judgement().check().verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(both.onePass().tables()).isNotNull();
        assertThat(both.onePass().tables().requested()).extracting(DataTables.RequestedItem::alias).containsExactly("EthnicGroupMajor");
        assertThat(both.onePass()).isEqualTo(both.separate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple_table.xlsx", "single_sheet_table.xlsx", "manual_import_reduced_table.xlsx"})
    void theRealNpdWorkbooksGiveTheSameRequestsEitherWay(String name) throws IOException {
        byte[] real = Files.readAllBytes(Requires.npdWorkbook(name));
        Both both = inspectAndRead(real, Long.MAX_VALUE);
        assertThat(both.onePass().tables()).isNotNull();
        assertThat(both.onePass()).isEqualTo(both.separate());
    }

    @Test
    void aLargeWorkbookIsInflatedOnceForInspectionAndReading() throws IOException {
        Path file = dir.resolve("large.xlsx");
        Documents.largeNpdWorkbook(file, 20_000, 7, -2);
        byte[] workbook = Files.readAllBytes(file);
        long sheet;
        try (ZipFile zip = ZipFile.builder().setByteArray(workbook).get()) {
            sheet = zip.getEntry(SHEET).getSize();
        }
        assertThat(sheet).isGreaterThan(5_000_000);
        // room for the sheet once (and the small parts), not for inspecting it and reading it again
        Both both = inspectAndRead(workbook, sheet + 200_000);
        assertThat(both.inspected().judgement().check().verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(both.onePass().unreadable()).isFalse();
        assertThat(both.onePass().tables().requested()).hasSizeGreaterThan(1_000);
        assertThat(both.onePass()).isEqualTo(both.separate());

        // the same budget without the pass: inspection fits, reading the sheet a second time does not
        InspectFile tight = new InspectFile(inspector, sheet + 200_000);
        try (EncryptedSpool spooled = EncryptedSpool.write(dir, out -> out.write(workbook), Long.MAX_VALUE)) {
            ReceivedFile named = new ReceivedFile(1, "1.2", "t.xlsx", "t.xlsx", "application/octet-stream", workbook.length, spooled.sha256());
            InspectFile.Inspected inspected = tight.inspect(spooled, named, null, WorksheetListener.NONE);
            SubmissionReader reader = new SubmissionReader(ProjectSchemas.SCHEMAS, 100_000);
            assertThat(InspectFile.read(spooled, inspected, reader, null).unreadable()).isTrue();
        }
    }

    @Test
    void rowsComeInWorkbookOrderWhenThePackageStoresTheSheetsInAnother() throws IOException {
        byte[] workbook = storedBackwards("NPD Alias", "NPD Alias");

        Both both = inspectAndRead(workbook, Long.MAX_VALUE);
        assertThat(both.onePass().tables().requested()).extracting(DataTables.RequestedItem::sheet).containsExactly("First", "Second");
        assertThat(both.onePass().tables().requested()).extracting(DataTables.RequestedItem::alias).containsExactly("FirstItem", "SecondItem");
        assertThat(both.onePass()).isEqualTo(both.separate());
    }

    @Test
    void theSourceIsNamedByTheFirstSheetInWorkbookOrder() throws IOException {
        byte[] workbook = storedBackwards("NPD Alias", "ILR Alias");
        Both both = inspectAndRead(workbook, Long.MAX_VALUE);
        assertThat(both.onePass().tables().source()).isEqualTo("NPD");
        assertThat(both.onePass()).isEqualTo(both.separate());
    }

    @Test
    void aSheetPartInspectionDoesNotTakeForAWorksheetIsStillRead() throws IOException {
        byte[] original = Documents.npdWorkbook("NPD Alias");
        // the second sheet (the data tables) moved out of xl/worksheets/, where only the workbook's relationship finds it
        Map<String, byte[]> entries = Documents.entries(original);
        entries.put("xl/data/tables.xml", entries.remove("xl/worksheets/sheet2.xml"));
        String rels = new String(entries.get("xl/_rels/workbook.xml.rels"), StandardCharsets.UTF_8);
        entries.put("xl/_rels/workbook.xml.rels", rels.replace("worksheets/sheet2.xml", "data/tables.xml").getBytes(StandardCharsets.UTF_8));
        String types = new String(entries.get("[Content_Types].xml"), StandardCharsets.UTF_8);
        entries.put("[Content_Types].xml", types.replaceAll("<Override[^>]*sheet2\\.xml\"[^>]*/>", "").getBytes(StandardCharsets.UTF_8));
        byte[] workbook = Documents.zip(entries);

        Both both = inspectAndRead(workbook, Long.MAX_VALUE);
        assertThat(both.onePass().tables()).isNotNull();
        assertThat(both.onePass().tables().requested()).extracting(DataTables.RequestedItem::alias).containsExactly("EthnicGroupMajor");
        assertThat(both.onePass()).isEqualTo(both.separate());
    }

    @Test
    void aWorkbookTheReaderCannotFollowIsUnreadableEitherWayAndInspectionIsUnchanged() throws IOException {
        // the main part is called xl/book.xml: Excel follows the root relationship, the data-table reader looks for xl/workbook.xml
        Map<String, byte[]> entries = Documents.entries(Documents.npdWorkbook("NPD Alias"));
        entries.put("xl/book.xml", entries.remove("xl/workbook.xml"));
        for (String part : List.of("_rels/.rels", "[Content_Types].xml")) {
            String text = new String(entries.get(part), StandardCharsets.UTF_8);
            entries.put(part, text.replace("xl/workbook.xml", "xl/book.xml").getBytes(StandardCharsets.UTF_8));
        }
        Both both = inspectAndRead(Documents.zip(entries), Long.MAX_VALUE);
        assertThat(both.inspected().judgement().check().verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(both.onePass().unreadable()).isTrue();
        assertThat(both.separate().unreadable()).isTrue();
    }

    @Test
    void aPassThatInspectionStoppedBeforeTheEndIsReadOnItsOwn() throws IOException {
        byte[] workbook = Documents.npdWorkbook("NPD Alias");
        try (EncryptedSpool file = EncryptedSpool.write(dir, out -> out.write(workbook), Long.MAX_VALUE)) {
            ReceivedFile named = new ReceivedFile(1, "1.2", "t.xlsx", "t.xlsx", "application/octet-stream", workbook.length, file.sha256());
            SubmissionReader reader = new SubmissionReader(ProjectSchemas.SCHEMAS, 100_000);
            DataTablePass pass = reader.tablesAlongside(); // never fed: as when inspection stops early
            InspectFile.Inspected inspected = new InspectFile(inspector, Long.MAX_VALUE).inspect(file, named, null, WorksheetListener.NONE);
            assertThat(pass.finished()).isFalse();
            SubmissionReader.Parsed parsed = InspectFile.read(file, inspected, reader, pass);
            assertThat(parsed.tables().requested()).extracting(DataTables.RequestedItem::alias).containsExactly("EthnicGroupMajor");
        }
    }

    private static String[][] table(String aliasHeader, String item) {
        return new String[][] {
                {"'By request' Data items"},
                {aliasHeader, "FieldReference", "Years Populated", "Description", "Identifiability", "Sensitivity",
                        "Data request data item required?", "Data request years required?"},
                {item, "F1", "2001/02 - ", "d", "5", "D", "Yes", "All available"}};
    }

    /**
     * Sheets "First" (item FirstItem under {@code firstHeader}) and "Second" (SecondItem under {@code secondHeader}), in
     * that order in the workbook, with the second sheet's part stored first in the package.
     */
    private static byte[] storedBackwards(String firstHeader, String secondHeader) {
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("First", table(firstHeader, "FirstItem"));
        sheets.put("Second", table(secondHeader, "SecondItem"));
        byte[] workbook = reorder(Documents.xlsx(sheets), "xl/worksheets/sheet2.xml", SHEET);
        assertThat(names(workbook).indexOf("xl/worksheets/sheet2.xml")).isLessThan(names(workbook).indexOf(SHEET));
        return workbook;
    }

    /** The package with {@code first} stored before {@code before}. */
    private static byte[] reorder(byte[] pkg, String first, String before) {
        Map<String, byte[]> entries = Documents.entries(pkg);
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        entries.forEach((name, content) -> {
            if (name.equals(before)) {
                reordered.put(first, entries.get(first));
            }
            reordered.putIfAbsent(name, content);
        });
        return Documents.zip(reordered);
    }

    private static List<String> names(byte[] pkg) {
        return List.copyOf(Documents.entries(pkg).keySet());
    }
}
