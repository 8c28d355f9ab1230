package uk.gov.education.datasharing.intake.validate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamException;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.schema.FormSchema;

/**
 * Reads a Word form's answers, streaming word/document.xml: by content-control tag (also inside tables and
 * repeating sections, whose repeated answers are joined by new lines; a control still showing its
 * placeholder is blank). Controls whose tag was dropped but whose title (alias) is a field's label are read
 * by that label. When the form has no controls at all (re-saved or retyped), answers come from table rows
 * whose first cell starts with a field's label and whose second cell is the answer.
 */
public final class FormReader {

    /** @throws IOException when the file cannot be read as a Word document */
    public FormAnswers read(String document, SeekableByteChannel channel, FormSchema schema) throws IOException {
        return read(document, channel, schema, new InflateBudget(Long.MAX_VALUE));
    }

    /** Reads within the file's inflate budget; past it the form cannot be read. */
    public FormAnswers read(String document, SeekableByteChannel channel, FormSchema schema, InflateBudget budget) throws IOException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            ZipArchiveEntry body = zip.getEntry("word/document.xml");
            if (body == null) {
                throw new IOException("no document part");
            }
            FormXml parsed;
            try (InputStream in = budget.wrap(zip.getInputStream(body))) {
                parsed = FormXml.parse(in);
            }
            Map<String, String> byLabel = new HashMap<>();
            for (String[] row : parsed.rows()) {
                // the label cell may hold help text under the label, and a "*" for required
                byLabel.putIfAbsent(normal(row[0].lines().findFirst().orElse("")), row[1]);
            }
            // Per field: its tag; else the control's title (LibreOffice 7.4 keeps a text control's title but drops
            // its tag when saving .docx); else the table row labelled with it (it drops drop-downs' and dates' both).
            Map<String, String> answers = new LinkedHashMap<>();
            boolean fromRows = false;
            for (FormSchema.Field field : schema.fields()) {
                String label = normal(field.label());
                String answer = parsed.tagged().get(field.id());
                if (answer == null) {
                    answer = parsed.titled().get(label);
                }
                if (answer == null && byLabel.containsKey(label)) {
                    answer = byLabel.get(label);
                    fromRows = true;
                }
                if (answer != null) {
                    answers.put(field.id(), answer);
                }
            }
            return new FormAnswers(document, answers, fromRows);
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("not a readable Word document", e);
        }
    }

    /** A label or header as compared: lower case, letters and digits only ("ICO registration number *" is icoregistrationnumber). */
    static String normal(String label) {
        StringBuilder normal = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = Character.toLowerCase(label.charAt(i));
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                normal.append(c);
            }
        }
        return normal.toString();
    }

    /** Word's placeholder texts and our templates' one. */
    static boolean isPlaceholderText(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() || t.startsWith("click or tap") || t.startsWith("click here") || t.equals("choose an item.")
                || t.startsWith("enter text") || t.startsWith("select a date");
    }

}
