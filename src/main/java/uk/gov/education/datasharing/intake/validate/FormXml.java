package uk.gov.education.datasharing.intake.validate;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import uk.gov.education.datasharing.intake.io.SafeXml;

/**
 * One streaming pass over a Word form's document.xml for {@link FormReader}: the text of every content
 * control by tag and by title (check boxes as Yes/No, placeholders blank), and the first two cells of
 * every table row. Nesting and counts are bounded.
 */
final class FormXml {

    private static final int MAX_ANSWER = 10_000;
    private static final int MAX_FIELDS = 2_000;
    private static final int MAX_ROWS = 5_000;

    private static final class Control {
        String tag;
        String alias;
        boolean placeholder;
        Boolean checked;
        final StringBuilder text = new StringBuilder();
    }

    private final Map<String, StringBuilder> tagged = new HashMap<>();
    private final Map<String, StringBuilder> titled = new HashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    private final Deque<Control> controls = new ArrayDeque<>();
    private final Deque<List<StringBuilder>> tableRows = new ArrayDeque<>();
    private final Deque<StringBuilder> cells = new ArrayDeque<>();
    private boolean inProperties;
    private boolean inText;

    /** Answers by content-control tag. */
    Map<String, String> tagged() {
        return strings(tagged);
    }

    /** Answers by normalised control title, for controls without a tag. */
    Map<String, String> titled() {
        return strings(titled);
    }

    private static Map<String, String> strings(Map<String, StringBuilder> answers) {
        Map<String, String> strings = new HashMap<>();
        answers.forEach((key, value) -> strings.put(key, value.toString()));
        return strings;
    }

    /** The first two cells of each table row. */
    List<String[]> rows() {
        return rows;
    }

    static FormXml parse(InputStream in) throws XMLStreamException {
        FormXml form = new FormXml();
        XMLStreamReader xml = SafeXml.reader(in);
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    form.start(xml);
                } else if (event == XMLStreamConstants.CHARACTERS && form.inText) {
                    form.appendAll(new String(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength()));
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    form.end(xml.getLocalName());
                }
            }
        } finally {
            xml.close();
        }
        return form;
    }

    private void start(XMLStreamReader xml) throws XMLStreamException {
        String name = xml.getLocalName();
        if (inProperties && !controls.isEmpty() && controlProperty(name, xml)) {
            return;
        }
        switch (name) {
            case "sdt" -> {
                if (controls.size() >= SafeXml.MAX_DEPTH) {
                    throw new XMLStreamException("controls nested too deeply");
                }
                controls.push(new Control());
            }
            case "sdtPr" -> inProperties = true;
            case "tr" -> tableRows.push(new ArrayList<>());
            case "tc" -> {
                StringBuilder cell = new StringBuilder();
                cells.push(cell);
                if (!tableRows.isEmpty()) {
                    tableRows.peek().add(cell);
                }
            }
            case "t" -> inText = true;
            case "tab" -> appendAll(" ");
            case "br", "cr" -> appendAll("\n");
            default -> {
            }
        }
    }

    /** A property of the innermost control (tag, title, placeholder flag, check-box state); false for anything else. */
    private boolean controlProperty(String name, XMLStreamReader xml) {
        Control control = controls.peek();
        String val = SafeXml.attribute(xml, "val");
        switch (name) {
            case "tag" -> control.tag = val;
            case "alias" -> control.alias = val;
            case "showingPlcHdr" -> control.placeholder = !"0".equals(val) && !"false".equals(val);
            case "checked" -> control.checked = "1".equals(val) || "true".equals(val);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void end(String name) {
        switch (name) {
            case "t" -> inText = false;
            case "sdtPr" -> inProperties = false;
            case "p" -> appendAll("\n");
            case "sdt" -> endControl(controls.pop());
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

    private void endControl(Control control) {
        String text = control.text.toString().strip();
        // A tool that fills a control's text may leave its placeholder flag set: only the
        // placeholder texts themselves (or nothing) count as blank.
        String value = control.checked != null ? (control.checked ? "Yes" : "No")
                : control.placeholder && FormReader.isPlaceholderText(text) ? "" : text;
        if (control.tag != null) {
            join(tagged, control.tag, value);
        } else if (control.alias != null) {
            join(titled, FormReader.normal(control.alias), value);
        }
    }

    /**
     * Repeated answers (a repeating section) joined by new lines, blanks dropped, each answer at most
     * {@value #MAX_ANSWER} characters: appended in place, so thousands of controls sharing a tag cost linear time.
     */
    private static void join(Map<String, StringBuilder> answers, String key, String value) {
        StringBuilder answer = answers.get(key);
        if (answer == null) {
            if (answers.size() >= MAX_FIELDS) {
                return;
            }
            answer = new StringBuilder();
            answers.put(key, answer);
        }
        if (value.isEmpty() || answer.length() >= MAX_ANSWER) {
            return;
        }
        if (answer.length() > 0) {
            answer.append('\n');
        }
        answer.append(value, 0, Math.min(value.length(), MAX_ANSWER - answer.length()));
    }

    private void appendAll(String text) {
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
