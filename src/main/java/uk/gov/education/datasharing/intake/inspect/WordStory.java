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
 * One Word story part (the document, a header, footer, notes or comments): fields in every story (DDE,
 * LINK, and INCLUDE fields that load from elsewhere), and, in the main story, paragraph texts and
 * content-control tags for recognition. One instance per part.
 */
final class WordStory {

    private static final Pattern URL_OR_SHARE = Pattern.compile("(?i)(https?:|ftp:|file:|\\\\\\\\)");
    private static final Pattern FIRST_WORD = Pattern.compile("(?s)^(\\S*).*");
    private static final int MAX_FIELD_TEXT = 2_000;

    private final ContentFacts.Collector facts;
    private final boolean mainStory;
    private final Deque<StringBuilder> paragraphs = new ArrayDeque<>();
    private final StringBuilder field = new StringBuilder();
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
        story.checkField(story.field.toString());
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
            case "fldChar" -> {
                if (!"begin".equals(SafeXml.attribute(xml, "fldCharType"))) {
                    checkField(field.toString());
                }
                field.setLength(0);
            }
            case "fldSimple" -> checkField(String.valueOf(SafeXml.attribute(xml, "instr")));
            default -> {
            }
        }
    }

    private void characters(XMLStreamReader xml) {
        if (inInstr) {
            SafeXml.appendText(field, xml, MAX_FIELD_TEXT);
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

    private void checkField(String instruction) {
        String code = instruction.strip();
        if (code.isEmpty()) {
            return;
        }
        String first = FIRST_WORD.matcher(code).replaceFirst("$1").toUpperCase(Locale.ROOT);
        switch (first) {
            case "DDE", "DDEAUTO" -> facts.dde = true;
            case "LINK" -> facts.remote("a linked object loaded from elsewhere");
            case "INCLUDETEXT", "INCLUDEPICTURE", "IMPORT" -> {
                if (URL_OR_SHARE.matcher(code).find()) {
                    facts.remote("a field that loads a file from elsewhere");
                }
            }
            default -> {
            }
        }
    }
}
