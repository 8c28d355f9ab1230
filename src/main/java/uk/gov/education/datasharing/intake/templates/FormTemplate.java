package uk.gov.education.datasharing.intake.templates;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTP;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSdtDropDownList;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSdtListItem;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSdtPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSdtRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTText;

import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.schema.FieldType;
import uk.gov.education.datasharing.intake.schema.FormSchema;

/**
 * Writes a Word form from its schema: a heading per section and a two-column table per section, each row
 * the field's label (with its help) and a content control tagged with the field id: drop-down lists for
 * choices and yes/no, a date picker for dates, plain text otherwise. The document carries the
 * {@code DfEDocumentKind} and {@code DfETemplateVersion} properties the gateway recognises. With answers,
 * the controls are filled in (for example submissions).
 */
public final class FormTemplate {

    private static final String PLACEHOLDER = "Click or tap here to enter your answer.";

    public byte[] write(FormSchema schema, Map<String, String> answers) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCustomProperties().addProperty(DocumentKind.TEMPLATE_PROPERTY, schema.kind());
            doc.getProperties().getCustomProperties().addProperty(DocumentKind.TEMPLATE_VERSION_PROPERTY, String.valueOf(schema.version()));
            doc.getProperties().getCoreProperties().setTitle(schema.title());
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.LEFT);
            XWPFRun titleRun = title.createRun();
            titleRun.setBold(true);
            titleRun.setFontSize(20);
            titleRun.setText(schema.title());
            doc.createParagraph().createRun().setText("Answer every question. Write N/A where a question does not apply and N/A is allowed.");
            for (FormSchema.Section section : schema.sections()) {
                XWPFParagraph heading = doc.createParagraph();
                XWPFRun run = heading.createRun();
                run.setBold(true);
                run.setFontSize(14);
                run.setText(section.heading());
                XWPFTable table = doc.createTable(section.fields().size(), 2);
                table.setWidth("100%");
                for (int i = 0; i < section.fields().size(); i++) {
                    FormSchema.Field field = section.fields().get(i);
                    XWPFTableRow row = table.getRow(i);
                    XWPFParagraph label = row.getCell(0).getParagraphs().get(0);
                    label.createRun().setText(field.label() + (field.required() ? " *" : ""));
                    if (!field.help().isEmpty()) {
                        XWPFRun help = row.getCell(0).addParagraph().createRun();
                        help.setItalic(true);
                        help.setFontSize(9);
                        help.setText(field.help());
                    }
                    control(row.getCell(1).getParagraphs().get(0).getCTP(), field, answers.get(field.id()));
                }
                doc.createParagraph();
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static void control(CTP paragraph, FormSchema.Field field, String answer) {
        CTSdtRun sdt = paragraph.addNewSdt();
        CTSdtPr properties = sdt.addNewSdtPr();
        properties.addNewAlias().setVal(field.label());
        properties.addNewTag().setVal(field.id());
        if (answer == null) {
            properties.addNewShowingPlcHdr();
        }
        FieldType type = field.type();
        if (type == FieldType.CHOICE || type == FieldType.YES_NO) {
            CTSdtDropDownList list = properties.addNewDropDownList();
            for (String value : type == FieldType.YES_NO ? java.util.List.of("Yes", "No") : field.values()) {
                CTSdtListItem item = list.addNewListItem();
                item.setDisplayText(value);
                item.setValue(value);
            }
            if (field.naAllowed()) {
                CTSdtListItem na = list.addNewListItem();
                na.setDisplayText("N/A");
                na.setValue("N/A");
            }
        } else if (type == FieldType.DATE) {
            properties.addNewDate().addNewDateFormat().setVal("dd/MM/yyyy");
        } else {
            properties.addNewText().setMultiLine(Boolean.TRUE);
        }
        CTR run = sdt.addNewSdtContent().addNewR();
        String text = answer == null ? PLACEHOLDER : answer;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                run.addNewBr();
            }
            CTText t = run.addNewT();
            t.setStringValue(lines[i]);
            t.setSpace(org.apache.xmlbeans.impl.xb.xmlschema.SpaceAttribute.Space.PRESERVE);
        }
    }
}
