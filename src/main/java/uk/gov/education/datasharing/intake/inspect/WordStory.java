package uk.gov.education.datasharing.intake.inspect;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.google.re2j.Pattern;

import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.io.SafeXml;

/**
 * One Word story part (the document, a header, footer, notes, comments or glossary): fields in every story
 * (DDE, LINK, and INCLUDE fields that load from elsewhere), and, in the main story, paragraph texts and
 * content-control tags for recognition. Fields are read as Word evaluates them, a stack: a field nested in
 * another's instruction ({@code DDEAUTO {QUOTE ...}}) adds its own instruction to its parent's, and a field
 * whose command or include target is built by a nested field counts as what it could become. One instance
 * per part.
 */
final class WordStory {

    private static final Pattern URL_OR_SHARE = Pattern.compile("(?i)(https?:|ftp:|file:|\\\\\\\\)");
    private static final Pattern FIRST_WORD = Pattern.compile("(?s)^(\\S*).*");
    private static final int MAX_FIELD_TEXT = 2_000;
    private static final int MAX_FIELD_DEPTH = 64;

    /** A complex field being read: its instruction so far, whether a field is nested in it, whether its result has begun. */
    private static final class Field {
        final StringBuilder instruction = new StringBuilder();
        boolean commandBuilt;
        boolean hasNested;
        boolean inResult;
    }

    private final ContentFacts.Collector facts;
    private final boolean mainStory;
    private final Deque<StringBuilder> paragraphs = new ArrayDeque<>();
    private final Deque<Field> fields = new ArrayDeque<>();
    private boolean inInstr;
    private boolean inText;
    private boolean inSdtProperties;

    private WordStory(ContentFacts.Collector facts, boolean mainStory) {
        this.facts = facts;
        this.mainStory = mainStory;
    }

    static void read(XMLStreamReader xml, ContentFacts.Collector facts, boolean mainStory) throws XMLStreamException {
        WordStory story = new WordStory(facts, mainStory);
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                story.start(xml);
            } else if (event == XMLStreamConstants.CHARACTERS) {
                story.characters(xml);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                story.end(xml.getLocalName());
            }
        }
        while (!story.fields.isEmpty()) {
            story.check(story.fields.pop());
        }
    }

    private void start(XMLStreamReader xml) {
        switch (xml.getLocalName()) {
            case "p" -> {
                if (paragraphs.size() >= SafeXml.MAX_DEPTH) {
                    throw new InflateBudget.Exhausted();
                }
                paragraphs.push(new StringBuilder());
            }
            case "t" -> inText = true;
            case "tab" -> {
                if (!paragraphs.isEmpty()) {
                    paragraphs.peek().append(' ');
                }
            }
            case "sdtPr" -> inSdtProperties = true;
            case "tag" -> {
                if (inSdtProperties && mainStory) {
                    facts.tag(SafeXml.attribute(xml, "val"));
                }
            }
            case "instrText" -> inInstr = true;
            case "fldChar" -> fieldChar(SafeXml.attribute(xml, "fldCharType"));
            case "fldSimple" -> checkField(String.valueOf(SafeXml.attribute(xml, "instr")), false, false);
            default -> {
            }
        }
    }

    private void fieldChar(String type) {
        if ("begin".equals(type)) {
            if (fields.size() >= MAX_FIELD_DEPTH) {
                throw new InflateBudget.Exhausted();
            }
            Field parent = fields.peek();
            if (parent != null && !parent.inResult) {
                parent.hasNested = true;
                parent.commandBuilt |= parent.instruction.toString().isBlank();
            }
            fields.push(new Field());
        } else if ("separate".equals(type) && !fields.isEmpty()) {
            fields.peek().inResult = true;
        } else if ("end".equals(type) && !fields.isEmpty()) {
            Field done = fields.pop();
            check(done);
            Field parent = fields.peek();
            if (parent != null && !parent.inResult) {
                append(parent.instruction, " " + done.instruction + " ");
            }
        }
    }

    private static void append(StringBuilder target, String text) {
        int room = MAX_FIELD_TEXT - target.length();
        if (room > 0) {
            target.append(text, 0, Math.min(room, text.length()));
        }
    }

    private void check(Field field) {
        checkField(field.instruction.toString(), field.commandBuilt, field.hasNested);
    }

    private void characters(XMLStreamReader xml) {
        if (inInstr) {
            Field top = fields.peek();
            if (top != null && !top.inResult) {
                SafeXml.appendText(top.instruction, xml, MAX_FIELD_TEXT);
            }
        } else if (inText && mainStory && !paragraphs.isEmpty()) {
            SafeXml.appendText(paragraphs.peek(), xml, ContentFacts.MAX_TEXT);
        }
    }

    private void end(String element) {
        switch (element) {
            case "p" -> {
                StringBuilder text = paragraphs.poll();
                if (mainStory && text != null && facts.wantsParagraphs()) {
                    facts.paragraph(text.toString());
                }
            }
            case "t" -> inText = false;
            case "sdtPr" -> inSdtProperties = false;
            case "instrText" -> inInstr = false;
            default -> {
            }
        }
    }

    /**
     * @param commandBuilt the field's command comes from a nested field, so it could be any command: counted as DDE,
     *                     the one field that runs a program
     * @param hasNested    a nested field supplies part of the instruction, such as an include's target
     */
    private void checkField(String instruction, boolean commandBuilt, boolean hasNested) {
        if (commandBuilt) {
            facts.dde = true;
        }
        String code = instruction.strip();
        if (code.isEmpty()) {
            return;
        }
        String first = FIRST_WORD.matcher(code).replaceFirst("$1").toUpperCase(Locale.ROOT);
        switch (first) {
            case "DDE", "DDEAUTO" -> facts.dde = true;
            case "LINK" -> facts.remote("a linked object loaded from elsewhere");
            case "INCLUDETEXT", "INCLUDEPICTURE", "IMPORT" -> {
                if (hasNested || URL_OR_SHARE.matcher(code).find()) {
                    facts.remote("a field that loads a file from elsewhere");
                }
            }
            default -> {
            }
        }
    }
}
