package uk.gov.education.datasharing.intake.validate;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.io.SafeXml;

/** The workbook-level parts a data-table reader needs: which part holds each sheet, and the shared strings. */
final class WorkbookParts {

    static final int MAX_TEXT = 1_000;

    private WorkbookParts() {
    }

    /** Sheet names in workbook order, with the part each lives in. */
    static Map<String, String> sheetParts(ZipFile zip, InflateBudget budget) throws IOException, XMLStreamException {
        Map<String, String> relationships = new HashMap<>();
        ZipArchiveEntry rels = zip.getEntry("xl/_rels/workbook.xml.rels");
        if (rels != null) {
            XMLStreamReader xml = SafeXml.reader(budget.wrap(zip.getInputStream(rels)));
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")) {
                        String target = String.valueOf(SafeXml.attribute(xml, "Target"));
                        target = target.startsWith("/") ? target.substring(1) : "xl/" + target;
                        relationships.put(SafeXml.attribute(xml, "Id"), target);
                    }
                }
            } finally {
                xml.close();
            }
        }
        ZipArchiveEntry workbook = zip.getEntry("xl/workbook.xml");
        if (workbook == null) {
            throw new IOException("no workbook part");
        }
        Map<String, String> sheets = new LinkedHashMap<>();
        XMLStreamReader xml = SafeXml.reader(budget.wrap(zip.getInputStream(workbook)));
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("sheet")) {
                    String part = relationships.get(SafeXml.attribute(xml, "id"));
                    if (part != null) {
                        sheets.put(String.valueOf(SafeXml.attribute(xml, "name")), part);
                    }
                }
            }
        } finally {
            xml.close();
        }
        return sheets;
    }

    /**
     * With {@code wanted} null: the structural strings, by index, as tokens. Otherwise: the text of the
     * wanted indices only. Phonetic runs are not text.
     */
    static Map<Integer, String> sharedStrings(ZipFile zip, ZipArchiveEntry entry, Set<Integer> wanted, LayoutTokens tokens,
                                              InflateBudget budget) throws IOException, XMLStreamException {
        Map<Integer, String> found = new HashMap<>();
        try (InputStream in = budget.wrap(zip.getInputStream(entry))) {
            XMLStreamReader xml = SafeXml.reader(in);
            try {
                int index = -1;
                boolean inText = false;
                boolean inPhonetic = false;
                StringBuilder text = new StringBuilder();
                while (xml.hasNext()) {
                    int event = xml.next();
                    String name = event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT ? xml.getLocalName() : "";
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        index += name.equals("si") ? 1 : 0;
                        text.setLength(name.equals("si") ? 0 : text.length());
                        inText = name.equals("t") ? !inPhonetic : inText;
                        inPhonetic |= name.equals("rPh");
                    } else if (event == XMLStreamConstants.CHARACTERS && inText) {
                        SafeXml.appendText(text, xml, MAX_TEXT);
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        inText &= !name.equals("t");
                        inPhonetic &= !name.equals("rPh");
                        if (name.equals("si")) {
                            keep(found, index, text.toString(), wanted, tokens);
                        }
                    }
                }
            } finally {
                xml.close();
            }
        }
        return found;
    }

    private static void keep(Map<Integer, String> found, int index, String text, Set<Integer> wanted, LayoutTokens tokens) {
        if (wanted == null) {
            String token = tokens.token(text);
            if (token != null) {
                found.put(index, token);
            }
        } else if (wanted.contains(index)) {
            found.put(index, text);
        }
    }
}
