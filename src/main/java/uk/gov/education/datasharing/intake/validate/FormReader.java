package uk.gov.education.datasharing.intake.validate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import uk.gov.education.datasharing.intake.io.SafeXml;
import uk.gov.education.datasharing.intake.schema.FormSchema;

/**
 * Reads a Word form's answers, streaming word/document.xml: by content-control tag (also inside tables and
 * repeating sections, whose repeated answers are joined by new lines; a control still showing its
 * placeholder is blank). Controls whose tag was dropped but whose title (alias) is a field's label are read
 * by that label. When the form has no controls at all (re-saved or retyped), answers come from table rows
 * whose first cell starts with a field's label and whose second cell is the answer.
 */
public final class FormReader {

    private static final int MAX_ANSWER = 10_000;
    private static final int MAX_FIELDS = 2_000;
    private static final int MAX_ROWS = 5_000;

    /** @throws IOException when the file cannot be read as a Word document */
    public FormAnswers read(String document, SeekableByteChannel channel, FormSchema schema) throws IOException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            ZipArchiveEntry body = zip.getEntry("word/document.xml");
            if (body == null) {
                throw new IOException("no document part");
            }
            Parsed parsed;
            try (InputStream in = zip.getInputStream(body)) {
                parsed = parse(in);
            }
            Map<String, String> byLabel = new HashMap<>();
            for (String[] row : parsed.rows) {
                // the label cell may hold help text under the label, and a "*" for required
                byLabel.putIfAbsent(normal(row[0].lines().findFirst().orElse("")), row[1]);
            }
            // Per field: its tag; else the control's title (LibreOffice 7.4 keeps a text control's title but drops
            // its tag when saving .docx); else the table row labelled with it (it drops drop-downs' and dates' both).
            Map<String, String> answers = new LinkedHashMap<>();
            boolean fromRows = false;
            for (FormSchema.Field field : schema.fields()) {
                String label = normal(field.label());
                String answer = parsed.tagged.get(field.id());
                if (answer == null) {
                    answer = parsed.titled.get(label);
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

    private static final java.util.regex.Pattern NOT_ALPHANUMERIC = java.util.regex.Pattern.compile("[^a-z0-9]");

    /** A label or header as compared: lower case, letters and digits only ("ICO registration number *" is icoregistrationnumber). */
    static String normal(String label) {
        return NOT_ALPHANUMERIC.matcher(label.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    private record Parsed(Map<String, String> tagged, Map<String, String> titled, List<String[]> rows) {
    }

    private static final class Control {
        String tag;
        String alias;
        boolean placeholder;
        Boolean checked;
        final StringBuilder text = new StringBuilder();
    }

    private static Parsed parse(InputStream in) throws XMLStreamException {
        Map<String, String> tagged = new HashMap<>();
        Map<String, String> titled = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        Deque<Control> controls = new ArrayDeque<>();
        Deque<List<StringBuilder>> tableRows = new ArrayDeque<>();
        Deque<StringBuilder> cells = new ArrayDeque<>();
        boolean inProperties = false;
        boolean inText = false;
        XMLStreamReader xml = SafeXml.reader(in);
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "sdt" -> {
                            if (controls.size() >= SafeXml.MAX_DEPTH) {
                                throw new XMLStreamException("controls nested too deeply");
                            }
                            controls.push(new Control());
                        }
                        case "sdtPr" -> inProperties = true;
                        case "tag" -> {
                            if (inProperties && !controls.isEmpty()) {
                                controls.peek().tag = SafeXml.attribute(xml, "val");
                            }
                        }
                        case "alias" -> {
                            if (inProperties && !controls.isEmpty()) {
                                controls.peek().alias = SafeXml.attribute(xml, "val");
                            }
                        }
                        case "showingPlcHdr" -> {
                            if (inProperties && !controls.isEmpty()) {
                                controls.peek().placeholder = !"0".equals(SafeXml.attribute(xml, "val"))
                                        && !"false".equals(SafeXml.attribute(xml, "val"));
                            }
                        }
                        case "checked" -> {
                            if (inProperties && !controls.isEmpty()) {
                                String val = SafeXml.attribute(xml, "val");
                                controls.peek().checked = "1".equals(val) || "true".equals(val);
                            }
                        }
                        case "tr" -> tableRows.push(new ArrayList<>());
                        case "tc" -> {
                            StringBuilder cell = new StringBuilder();
                            cells.push(cell);
                            if (!tableRows.isEmpty()) {
                                tableRows.peek().add(cell);
                            }
                        }
                        case "t" -> inText = true;
                        case "tab" -> appendAll(controls, cells, " ");
                        case "br", "cr" -> appendAll(controls, cells, "\n");
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.CHARACTERS && inText) {
                    appendAll(controls, cells, new String(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength()));
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "t" -> inText = false;
                        case "sdtPr" -> inProperties = false;
                        case "p" -> appendAll(controls, cells, "\n");
                        case "sdt" -> {
                            Control control = controls.pop();
                            String text = control.text.toString().strip();
                            // A tool that fills a control's text may leave its placeholder flag set: only the
                            // placeholder texts themselves (or nothing) count as blank.
                            String value = control.checked != null ? (control.checked ? "Yes" : "No")
                                    : control.placeholder && isPlaceholderText(text) ? "" : text;
                            if (control.tag != null && tagged.size() < MAX_FIELDS) {
                                tagged.merge(control.tag, value, (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b);
                            } else if (control.alias != null && titled.size() < MAX_FIELDS) {
                                titled.merge(normal(control.alias), value, (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b);
                            }
                        }
                        case "tc" -> cells.poll();
                        case "tr" -> {
                            List<StringBuilder> row = tableRows.poll();
                            if (row != null && row.size() >= 2 && rows.size() < MAX_ROWS) {
                                rows.add(new String[] {row.get(0).toString().strip(), row.get(1).toString().strip()});
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        } finally {
            xml.close();
        }
        return new Parsed(tagged, titled, rows);
    }

    /** Word's placeholder texts and our templates' one. */
    static boolean isPlaceholderText(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() || t.startsWith("click or tap") || t.startsWith("click here") || t.equals("choose an item.")
                || t.startsWith("enter text") || t.startsWith("select a date");
    }

    private static void appendAll(Deque<Control> controls, Deque<StringBuilder> cells, String text) {
        for (Control control : controls) {
            if (control.text.length() < MAX_ANSWER) {
                control.text.append(text);
            }
        }
        StringBuilder cell = cells.peek();
        if (cell != null && cell.length() < MAX_ANSWER) {
            cell.append(text);
        }
    }
}
