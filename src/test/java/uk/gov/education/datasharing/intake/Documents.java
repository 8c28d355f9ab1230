package uk.gov.education.datasharing.intake;


import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

/**
 * Office, PDF and other files built in code for tests: plain ones, and hostile variants made by editing the
 * package (macros, embedded objects, remote templates, DDE, passwords, scripts).
 */
public final class Documents {

    public static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    public static final String DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml";

    private Documents() {
    }

    /** A Word document with the given paragraphs and custom document properties. */
    public static byte[] docx(Map<String, String> properties, String... paragraphs) {
        try (XWPFDocument doc = new XWPFDocument()) {
            for (String text : paragraphs) {
                XWPFParagraph p = doc.createParagraph();
                p.createRun().setText(text);
            }
            properties.forEach((k, v) -> doc.getProperties().getCustomProperties().addProperty(k, v));
            return write(doc::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] docx(String... paragraphs) {
        return docx(Map.of(), paragraphs);
    }

    /** A Word document whose body is the given WordprocessingML body content (inside w:body). */
    public static byte[] docxWithBody(String bodyXml) {
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + bodyXml + "</w:body></w:document>";
        return edit(docx("placeholder"), Map.of("word/document.xml", document.getBytes(StandardCharsets.UTF_8)));
    }

    /** A paragraph holding a content control (structured document tag) with a tag and text; new lines become line breaks. */
    public static String contentControl(String tag, String text) {
        return "<w:p><w:sdt><w:sdtPr><w:tag w:val=\"" + tag + "\"/></w:sdtPr><w:sdtContent><w:r><w:t xml:space=\"preserve\">"
                + escape(text).replace("\n", "</w:t><w:br/><w:t xml:space=\"preserve\">") + "</w:t></w:r></w:sdtContent></w:sdt></w:p>";
    }

    /** A Word form whose answers are content controls tagged with the field ids, as the project's templates are. */
    public static byte[] form(Map<String, String> answers) {
        StringBuilder body = new StringBuilder();
        answers.forEach((id, answer) -> body.append("<w:p><w:r><w:t>").append(escape(id)).append("</w:t></w:r></w:p>")
                .append(contentControl(id, answer)));
        return docxWithBody(body.toString());
    }

    /** A form that lost its controls: a table of "label | answer" rows. */
    public static byte[] labelTable(Map<String, String> labelsAndAnswers) {
        StringBuilder body = new StringBuilder("<w:tbl>");
        labelsAndAnswers.forEach((label, answer) -> body.append("<w:tr><w:tc><w:p><w:r><w:t>").append(escape(label))
                .append("</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>").append(escape(answer)).append("</w:t></w:r></w:p></w:tc></w:tr>"));
        return docxWithBody(body.append("</w:tbl>").toString());
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A workbook with one sheet per entry; each row is a string array. */
    public static byte[] xlsx(Map<String, String[][]> sheets) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            sheets.forEach((name, rows) -> {
                XSSFSheet sheet = wb.createSheet(name);
                for (int r = 0; r < rows.length; r++) {
                    XSSFRow row = sheet.createRow(r);
                    for (int c = 0; c < rows[r].length; c++) {
                        if (rows[r][c] != null) {
                            row.createCell(c).setCellValue(rows[r][c]);
                        }
                    }
                }
            });
            return write(wb::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shape of a real NPD data-table sheet: title, by-request block with its header, a default block. */
    public static byte[] npdWorkbook(String alias) {
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("Front_Cover", new String[][] {{"National Pupil Database data tables"}});
        sheets.put("SC_Pupil_01-02_to_17-18_SUM", new String[][] {
                {"School Census Pupil Level"},
                {},
                {"'By request' Data items"},
                {alias, "FieldReference", "Years Populated", "Description", "Identifiability", "Sensitivity",
                        "Data request data item required?", "Data request years required?"},
                {"EthnicGroupMajor", "SC0001", "2001/02 - ", "Ethnic group", "5", "D", "Yes", "All available"},
                {},
                {"Default Data Items (applicants will receive these data items by default)"},
                {alias, "FieldReference", "Years Populated", "Description"},
                {"AcademicYear", "SC0002", "2001/02 - ", "Academic year"}});
        return xlsx(sheets);
    }

    /**
     * A workbook in the NPD layout with {@code rows} by-request items of random text, written by POI's
     * streaming writer; about 70 bytes per row once compressed.
     */
    public static void largeNpdWorkbook(java.nio.file.Path file, int rows, long seed) throws IOException {
        largeNpdWorkbook(file, rows, seed, 40);
    }

    /**
     * As {@link #largeNpdWorkbook(java.nio.file.Path, int, long)}, with descriptions of {@code descriptionLength} random letters, or,
     * when negative, of that many words from a small vocabulary, and aliases made of a word and the row number (so it compresses
     * as real aliases and descriptions do).
     */
    public static void largeNpdWorkbook(java.nio.file.Path file, int rows, long seed, int descriptionLength) throws IOException {
        java.util.Random random = new java.util.Random(seed);
        try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook(100);
             OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("KS4_01-02_17-18");
            String[] header = {"NPD Alias", "NPD Field Reference", "Years Populated", "Description", "Identification Risk",
                    "Sensitivity", "Data request data item required?", "Data request years required?"};
            sheet.createRow(0).createCell(0).setCellValue("'By request' Data items");
            org.apache.poi.ss.usermodel.Row head = sheet.createRow(1);
            for (int c = 0; c < header.length; c++) {
                head.createCell(c).setCellValue(header[c]);
            }
            for (int r = 0; r < rows; r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r + 2);
                row.createCell(0).setCellValue(descriptionLength >= 0 ? "KS4_" + randomWord(random, 10)
                        : "KS4_" + VOCABULARY[random.nextInt(VOCABULARY.length)].toUpperCase(java.util.Locale.ROOT) + "_" + r);
                row.createCell(1).setCellValue("KS4" + r);
                row.createCell(2).setCellValue("2005/06 - ");
                row.createCell(3).setCellValue(descriptionLength >= 0 ? randomWord(random, descriptionLength) : words(random, -descriptionLength));
                row.createCell(4).setCellValue(String.valueOf(1 + random.nextInt(5)));
                row.createCell(5).setCellValue(String.valueOf((char) ('A' + random.nextInt(5))));
                row.createCell(6).setCellValue(random.nextInt(10) == 0 ? "Yes" : "No");
                row.createCell(7).setCellValue("All available");
            }
            wb.write(out);
            wb.dispose();
        }
    }

    private static final String[] VOCABULARY = ("pupil school key stage attainment result grade subject entry exam assessment census "
            + "term year academic local authority free meals eligible special educational needs support plan ethnicity language "
            + "first gender age month date postcode area deprivation index absence session authorised unauthorised exclusion "
            + "fixed permanent reason count total score point average progress measure").split(" ");

    private static String words(java.util.Random random, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
        }
        return s.toString();
    }

    private static String randomWord(java.util.Random random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    public static byte[] xls() {
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            wb.createSheet("Sheet1").createRow(0).createCell(0).setCellValue("legacy");
            return write(wb::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OLE2 file with the given top-level streams and storages ("name/" is a storage). */
    public static byte[] ole(String... names) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            for (String name : names) {
                if (name.endsWith("/")) {
                    DirectoryEntry dir = fs.getRoot().createDirectory(name.substring(0, name.length() - 1));
                    dir.createDocument("dir", new ByteArrayInputStream(new byte[64]));
                } else {
                    fs.getRoot().createDocument(name, new ByteArrayInputStream(new byte[4096]));
                }
            }
            return write(fs::writeFilesystem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OLE2 file with one stream of given content and other empty streams. */
    public static byte[] oleWith(String stream, byte[] content, String... others) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.getRoot().createDocument(stream, new ByteArrayInputStream(content));
            for (String other : others) {
                fs.getRoot().createDocument(other, new ByteArrayInputStream(new byte[4096]));
            }
            return write(fs::writeFilesystem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Excel 97-2003 workbook saved with a password to open (RC4 CryptoAPI, as POI writes it). */
    public static byte[] encryptedXls() {
        org.apache.poi.hssf.record.crypto.Biff8EncryptionKey.setCurrentUserPassword("secret");
        try {
            return xls();
        } finally {
            org.apache.poi.hssf.record.crypto.Biff8EncryptionKey.setCurrentUserPassword(null);
        }
    }

    /** A docx encrypted with a password (agile encryption), as Word's "Encrypt with Password" does. */
    public static byte[] encryptedDocx() {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream os = encryptor.getDataStream(fs)) {
                os.write(docx("confidential"));
            }
            return write(fs::writeFilesystem);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A macro-enabled document (vbaProject part and macro-enabled main type), named however the caller likes. */
    public static byte[] docm() {
        byte[] docx = docx("looks harmless");
        String types = new String(read(docx, "[Content_Types].xml"), StandardCharsets.UTF_8).replace(DOCX_MAIN, DOCM_MAIN)
                .replace("<Default ", "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/><Default ");
        return edit(docx, Map.of("[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8),
                "word/vbaProject.bin", ole("VBA/", "PROJECT")));
    }

    /** A docx with an extra part or relationship file. */
    public static byte[] docxWith(String part, String content) {
        return edit(docx("ordinary text"), Map.of(part, content.getBytes(StandardCharsets.UTF_8)));
    }

    public static String relationships(String type, String target, boolean external) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + type
                + "\" Target=\"" + target + "\"" + (external ? " TargetMode=\"External\"" : "") + "/></Relationships>";
    }

    public static byte[] pdf(String... lines) {
        return pdf(true, lines);
    }

    /** A one-page PDF; uncompressed, its text is visible in its bytes (for tests that look for leaks). */
    public static byte[] pdf(boolean compressed, String... lines) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.OVERWRITE, compressed)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 700);
                for (String line : lines) {
                    content.showText(line);
                    content.newLineAtOffset(0, -16);
                }
                content.endText();
            }
            return write(doc::save);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] pdfWithJavaScript() {
        return pdfEdited(doc -> doc.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('hello');")));
    }

    public static byte[] pdfWithLaunchAction() {
        return pdfEdited(doc -> {
            PDAnnotationLink link = new PDAnnotationLink();
            PDActionLaunch launch = new PDActionLaunch();
            launch.setFile(new org.apache.pdfbox.pdmodel.common.filespecification.PDSimpleFileSpecification(
                    new org.apache.pdfbox.cos.COSString("cmd.exe")));
            link.setAction(launch);
            doc.getPage(0).getAnnotations().add(link);
        });
    }

    public static byte[] pdfWithUserPassword() {
        return pdfEdited(doc -> {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
        });
    }

    /** The start of a Windows executable (DOS stub and PE signature). */
    public static byte[] exe() {
        byte[] exe = new byte[1024];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    /** A zip with the given entries. */
    public static byte[] zip(Map<String, byte[]> entries) {
        return write(out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
        });
    }

    /** Rewrites a zip package: entries in {@code changes} replace or add to the original ones. */
    public static byte[] edit(byte[] pkg, Map<String, byte[]> changes) {
        Map<String, byte[]> entries = entries(pkg);
        entries.putAll(changes);
        return zip(entries);
    }

    /** A zip package's entries by name, in the order it stores them. */
    public static Map<String, byte[]> entries(byte[] pkg) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(pkg))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    public static byte[] read(byte[] pkg, String name) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(pkg))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no entry " + name);
    }

    public interface PdfEdit {
        void apply(PDDocument doc) throws IOException;
    }

    public static byte[] pdfEdited(PdfEdit edit) {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf("an ordinary page"))) {
            edit.apply(doc);
            return write(doc::save);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Writer {
        void to(OutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
