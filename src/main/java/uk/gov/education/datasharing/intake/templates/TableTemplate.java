package uk.gov.education.datasharing.intake.templates;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.schema.Catalogue;
import uk.gov.education.datasharing.intake.schema.DataTableLayout;

/**
 * Writes data tables in the NPD layout from a catalogue: a sheet per dataset with a title, the
 * "'By request' Data items" block, a header row starting with the source's alias column, one row per item,
 * and the applicant's two columns as drop-down lists. Requests (alias to years) fill in the applicant's
 * columns, for example submissions.
 */
public final class TableTemplate {

    static final String[] HEADER = {"Alias", "Years Populated", "Identifiability", "Sensitivity", "Data request data item required?",
            "Data request years required?"};

    public byte[] write(Catalogue catalogue, DataTableLayout layout, Map<String, String> requests) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.getProperties().getCustomProperties().addProperty(DocumentKind.TEMPLATE_PROPERTY,
                    "data-tables-" + catalogue.source().toLowerCase(java.util.Locale.ROOT));
            workbook.getProperties().getCustomProperties().addProperty(DocumentKind.TEMPLATE_VERSION_PROPERTY, catalogue.edition());
            XSSFCellStyle bold = workbook.createCellStyle();
            XSSFFont font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Map<String, List<Catalogue.Item>> bySheet = new LinkedHashMap<>();
            for (Catalogue.Item item : catalogue.items()) {
                bySheet.computeIfAbsent(item.sheet(), k -> new java.util.ArrayList<>()).add(item);
            }
            for (Map.Entry<String, List<Catalogue.Item>> sheetItems : bySheet.entrySet()) {
                XSSFSheet sheet = workbook.createSheet(sheetItems.getKey());
                sheet.createRow(0).createCell(0).setCellValue(catalogue.source() + " data tables: " + sheetItems.getKey());
                sheet.createRow(2).createCell(0).setCellValue(layout.byRequestBlock());
                XSSFRow header = sheet.createRow(3);
                for (int c = 0; c < HEADER.length; c++) {
                    header.createCell(c).setCellValue(c == 0 ? catalogue.source() + "Alias" : HEADER[c]);
                    header.getCell(c).setCellStyle(bold);
                }
                int r = 4;
                for (Catalogue.Item item : sheetItems.getValue()) {
                    XSSFRow row = sheet.createRow(r++);
                    row.createCell(0).setCellValue(item.alias());
                    row.createCell(1).setCellValue(item.yearsPopulated());
                    row.createCell(2).setCellValue(String.valueOf(item.identifiability()));
                    row.createCell(3).setCellValue(item.sensitivity());
                    String years = requests.get(item.alias());
                    row.createCell(4).setCellValue(years == null ? "No" : "Yes");
                    row.createCell(5).setCellValue(years == null ? "" : years);
                }
                DataValidationHelper helper = sheet.getDataValidationHelper();
                String[] yesNo = layout.yes().isEmpty() ? new String[] {"Yes", "No"} : new String[] {layout.yes().get(0), "No"};
                addList(sheet, helper, yesNo, 4, r - 1, 4);
                String[] years = {first(layout.allYears(), "All available"), first(layout.specificYears(), "Specific years"),
                        first(layout.notApplicable(), "Not applicable")};
                addList(sheet, helper, years, 4, r - 1, 5);
                for (int c = 0; c < HEADER.length; c++) {
                    sheet.setColumnWidth(c, c >= 4 ? 34 * 256 : 22 * 256);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** A drop-down list; "Specific years" answers continue with the years, so other text is allowed with a warning. */
    private static void addList(XSSFSheet sheet, DataValidationHelper helper, String[] values, int firstRow, int lastRow, int column) {
        if (lastRow < firstRow) {
            return;
        }
        DataValidation validation = helper.createValidation(helper.createExplicitListConstraint(values),
                new CellRangeAddressList(firstRow, lastRow, column, column));
        validation.setErrorStyle(DataValidation.ErrorStyle.WARNING);
        validation.setShowErrorBox(true);
        sheet.addValidationData(validation);
    }

    private static String first(List<String> values, String fallback) {
        return values.isEmpty() ? fallback : values.get(0);
    }
}
