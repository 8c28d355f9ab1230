package uk.gov.education.datasharing.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Small example documents for the demo: an application form and a questionnaire as Word documents with
 * their headings, and a workbook in the NPD data-table layout. Placeholders until the schema-generated
 * templates exist (issue 4).
 */
final class ExampleDocuments {

    private ExampleDocuments() {
    }

    static byte[] applicationForm() throws IOException {
        return word("Application for DfE personal data (demo)", "Applicant", "Name: Dr A. Researcher", "Project",
                "Title: Attainment gaps at key stage 4", "Lawful basis", "Article 6(1)(e)", "Data", "NPD, 2015/16 to 2018/19",
                "Access", "ONS Secure Research Service", "Declaration", "Signed: A. Researcher");
    }

    static byte[] securityQuestionnaire() throws IOException {
        return word("Information security questionnaire (demo)", "1. Do you have an up-to-date security policy? Yes",
                "2. Are you certified to ISO 27001? Yes");
    }

    static byte[] npdDataTables() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("KS4_01-02_17-18");
            String[][] rows = {
                    {"Key Stage 4 (demo)"},
                    {"'By request' Data items"},
                    {"NPDAlias", "FieldReference", "Years Populated", "Description", "Identifiability", "Sensitivity",
                            "Data request data item required?", "Data request years required?"},
                    {"KS4_ATT8", "KS4001", "2015/16 - ", "Attainment 8 score", "5", "E", "Yes", "All available"},
                    {"KS4_FSM6", "KS4002", "2005/06 - ", "Free school meals in last 6 years", "5", "C", "No", ""}};
            for (int r = 0; r < rows.length; r++) {
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] word(String... paragraphs) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : paragraphs) {
                doc.createParagraph().createRun().setText(text);
            }
            doc.write(out);
            return out.toByteArray();
        }
    }
}
