package uk.gov.education.datasharing.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Files crafted to cost a reader far more than their size (the reproductions of issue 9), built in code.
 * Each is small to send and was slow, or unbounded, before the readers were fixed.
 */
public final class HostileFiles {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private HostileFiles() {
    }

    /** A workbook whose cells hold formulas "a|" followed by many spaces (three adjacent quantifiers all matching spaces). */
    public static byte[] spacedPipeFormulas(int cells, int spaces) {
        StringBuilder sheet = new StringBuilder("<worksheet xmlns=\"" + MAIN + "\"><sheetData>");
        String formula = "a|" + " ".repeat(spaces);
        for (int r = 1; r <= cells; r++) {
            sheet.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><f>").append(formula).append("</f></c></row>");
        }
        sheet.append("</sheetData></worksheet>");
        return Documents.edit(Documents.xlsx(Map.of("Sheet1", new String[][] {{"x"}})),
                Map.of("xl/worksheets/sheet1.xml", sheet.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A workbook naming one large sheet part under {@code sheets} sheet entries. */
    public static byte[] manySheetsOnePart(int sheets, int rows) {
        StringBuilder workbook = new StringBuilder("<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELS + "\"><sheets>");
        for (int i = 1; i <= sheets; i++) {
            workbook.append("<sheet name=\"S").append(i).append("\" sheetId=\"").append(i).append("\" r:id=\"rId1\"/>");
        }
        workbook.append("</sheets></workbook>");
        StringBuilder sheet = new StringBuilder("<worksheet xmlns=\"" + MAIN + "\"><sheetData>");
        sheet.append("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>NPD Alias</t></is></c>"
                + "<c r=\"B1\" t=\"inlineStr\"><is><t>Data request data item required?</t></is></c></row>");
        for (int r = 2; r <= rows; r++) {
            sheet.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" t=\"inlineStr\"><is><t>Item").append(r)
                    .append("</t></is></c><c r=\"B").append(r).append("\" t=\"inlineStr\"><is><t>No</t></is></c></row>");
        }
        sheet.append("</sheetData></worksheet>");
        String rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + RELS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
        return Documents.edit(Documents.xlsx(Map.of("Sheet1", new String[][] {{"x"}})), Map.of(
                "xl/workbook.xml", workbook.toString().getBytes(StandardCharsets.UTF_8),
                "xl/_rels/workbook.xml.rels", rels.getBytes(StandardCharsets.UTF_8),
                "xl/worksheets/sheet1.xml", sheet.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A Word form with many content controls sharing one tag, each with some text. */
    public static byte[] controlsSharingATag(String tag, int controls, int charsEach) {
        StringBuilder body = new StringBuilder();
        String text = "x".repeat(charsEach);
        for (int i = 0; i < controls; i++) {
            body.append(Documents.contentControl(tag, text));
        }
        return Documents.docxWithBody(body.toString());
    }

    /** A zip whose folder entry ("folder/") inflates to {@code bytes} of zeros, followed by an ordinary file. */
    public static byte[] folderBomb(long bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("folder/"));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < bytes; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("folder/form.pdf"));
            zip.write(Documents.pdf("A form"));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
