package uk.gov.education.datasharing.intake.inspect;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import uk.gov.education.datasharing.intake.io.SafeXml;
import uk.gov.education.datasharing.intake.io.WorksheetListener;

/**
 * A workbook's sheets, for safety and recognition: DDE formulas, and data-table header rows (a row that
 * starts with an alias header such as "NPD Alias" and has the applicant's request column). Shared strings
 * are read first, keeping only the few that mean something here. One instance per worksheet part.
 */
final class Worksheets {

    private static final Pattern TABLE_ALIAS = Pattern.compile("(?i)^\\s*(NPD|ILR|HESA|HE|SWC)[\\s_]?Alias\\s*$");
    private static final Pattern REQUEST_COLUMN = Pattern.compile("(?i)^\\s*data request data item required\\??\\s*$");
    private static final String REQUEST = "\u0000request";
    private static final int MAX_FORMULA_TEXT = 2_000;
    private static final int MAX_CELL_TEXT = 200;

    private final ContentFacts.Collector facts;
    private final Map<Integer, String> shared;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder formula = new StringBuilder();
    private String cellType;
    private boolean inValue;
    private boolean inFormula;
    private boolean rowStarted;
    private String rowFirst;
    private boolean rowHasRequest;

    private Worksheets(ContentFacts.Collector facts, Map<Integer, String> shared) {
        this.facts = facts;
        this.shared = shared;
    }

    /** Indices of the shared strings that matter for recognising data tables, and only those. */
    static Map<Integer, String> sharedStrings(XMLStreamReader xml) throws XMLStreamException {
        Map<Integer, String> matches = new HashMap<>();
        int index = -1;
        boolean inText = false;
        StringBuilder text = new StringBuilder();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("si")) {
                index++;
                text.setLength(0);
            } else if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("t")) {
                inText = true;
            } else if (event == XMLStreamConstants.CHARACTERS && inText) {
                SafeXml.appendText(text, xml, MAX_CELL_TEXT);
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("t")) {
                inText = false;
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("si")) {
                String meaning = meaning(text.toString());
                if (meaning != null) {
                    matches.put(index, meaning);
                }
            }
        }
        return matches;
    }

    /**
     * Header rows and DDE formulas of one worksheet; {@code alongside}, when not null, is given every element and text
     * event of the same pass (docs/adr/0022).
     */
    static void worksheet(XMLStreamReader xml, ContentFacts.Collector facts, Map<Integer, String> shared, WorksheetListener.SheetEvents alongside)
            throws XMLStreamException {
        Worksheets sheet = new Worksheets(facts, shared);
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                sheet.start(xml);
                if (alongside != null) {
                    alongside.start(xml);
                }
            } else if (event == XMLStreamConstants.CHARACTERS) {
                if (sheet.inFormula) {
                    SafeXml.appendText(sheet.formula, xml, MAX_FORMULA_TEXT);
                } else if (sheet.inValue) {
                    SafeXml.appendText(sheet.text, xml, MAX_CELL_TEXT);
                }
                if (alongside != null) {
                    alongside.characters(xml);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                sheet.end(xml.getLocalName());
                if (alongside != null) {
                    alongside.end(xml);
                }
            }
        }
    }

    /** A workbook's defined names: a name can hold a formula, DDE included, that runs wherever the name is used. */
    static void definedNames(XMLStreamReader xml, ContentFacts.Collector facts) throws XMLStreamException {
        StringBuilder formula = new StringBuilder();
        boolean inName = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("definedName")) {
                inName = true;
                formula.setLength(0);
            } else if (event == XMLStreamConstants.CHARACTERS && inName) {
                SafeXml.appendText(formula, xml, MAX_FORMULA_TEXT);
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("definedName")) {
                inName = false;
                facts.dde |= isDdeFormula(formula);
            }
        }
    }

    private void start(XMLStreamReader xml) {
        switch (xml.getLocalName()) {
            case "row" -> {
                rowStarted = false;
                rowFirst = null;
                rowHasRequest = false;
            }
            case "c" -> {
                cellType = SafeXml.attribute(xml, "t");
                text.setLength(0);
            }
            case "v", "t" -> inValue = true;
            case "f" -> {
                inFormula = true;
                formula.setLength(0);
            }
            default -> {
            }
        }
    }

    private void end(String element) {
        switch (element) {
            case "v", "t" -> inValue = false;
            case "f" -> {
                inFormula = false;
                if (isDdeFormula(formula)) {
                    facts.dde = true;
                }
            }
            case "c" -> {
                if (text.length() > 0) {
                    String meaning = "s".equals(cellType) ? shared.get(SafeXml.index(text)) : meaning(text.toString());
                    if (!rowStarted) {
                        rowStarted = true;
                        rowFirst = meaning;
                    }
                    rowHasRequest |= REQUEST.equals(meaning);
                }
            }
            case "row" -> {
                if (rowFirst != null && !REQUEST.equals(rowFirst) && rowHasRequest) {
                    facts.tableHeader(rowFirst);
                }
            }
            default -> {
            }
        }
    }

    /**
     * A DDE call anywhere in a formula ({@code cmd|' /C calc'!A0}, also after an operator or inside a function):
     * a bar outside string literals and quoted sheet names, then the bang before the item. Excel has no bar
     * operator, so a bar there can only join an application to its topic. One pass, linear in the formula (a pattern with adjacent quantifiers
     * over spaces took seconds per crafted cell).
     */
    static boolean isDdeFormula(CharSequence formula) {
        char quote = 0;
        boolean bar = false;
        for (int i = 0; i < formula.length(); i++) {
            char c = formula.charAt(i);
            if (bar && c == '!') {
                return true;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0; // a doubled quote closes and reopens: the same state either way
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '|') {
                bar = true;
            }
        }
        return false;
    }

    /** The data source an alias header names (NPD, ILR, HE, SWC), REQUEST for the request column, else null. */
    private static String meaning(String cell) {
        if (!endsLikeAHeader(cell)) {
            return null; // most cells are data: skip both patterns
        }
        Matcher alias = TABLE_ALIAS.matcher(cell);
        if (alias.matches()) {
            String source = alias.group(1).toUpperCase(Locale.ROOT);
            return source.equals("HESA") ? "HE" : source;
        }
        return REQUEST_COLUMN.matcher(cell).matches() ? REQUEST : null;
    }

    /**
     * Whether the text, less trailing white space as the patterns see it, ends in "alias", "required" or "required?" (any
     * case): what both patterns need before their trailing white space, checked without scanning the text.
     */
    static boolean endsLikeAHeader(String cell) {
        int end = cell.length();
        while (end > 0 && isPatternSpace(cell.charAt(end - 1))) {
            end--;
        }
        if (end > 0 && cell.charAt(end - 1) == '?') {
            end--;
        }
        // the last letter first, folded as the comparison folds it (so the long s, which the patterns' (?i) takes for an s, counts)
        char last = end > 0 ? Character.toLowerCase(Character.toUpperCase(cell.charAt(end - 1))) : 0;
        return last == 's' && endsWithIgnoreCase(cell, end, "alias") || last == 'd' && endsWithIgnoreCase(cell, end, "required");
    }

    /** White space as {@code \s} matches it in the patterns (RE2: space, tab, newline, form feed, carriage return). */
    private static boolean isPatternSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean endsWithIgnoreCase(String text, int end, String word) {
        return end >= word.length() && text.regionMatches(true, end - word.length(), word, 0, word.length());
    }
}
