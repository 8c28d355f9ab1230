package uk.gov.education.datasharing.intake.io;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;

/** StAX readers for untrusted XML: no DTDs, no external entities, bounded element depth, no coalescing. */
public final class SafeXml {

    public static final int MAX_DEPTH = 256;
    private static final XMLInputFactory FACTORY = factory();

    private SafeXml() {
    }

    public static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    /** An attribute by local name, whatever its namespace prefix (OOXML has transitional and strict namespaces). */
    public static String attribute(XMLStreamReader xml, String localName) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals(localName)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    /** Appends the current text event to {@code target}, keeping at most {@code max} characters in all. */
    public static void appendText(StringBuilder target, XMLStreamReader xml, int max) {
        int room = max - target.length();
        if (room > 0) {
            target.append(xml.getTextCharacters(), xml.getTextStart(), Math.min(room, xml.getTextLength()));
        }
    }

    /**
     * A non-negative decimal index (a shared-string number) from element text, as {@code Integer.parseInt(text.trim())} reads
     * it; -1 when the text is not one (a negative number included) or is larger than an int. Parsed in place: it is read
     * for every cell of a sheet.
     */
    public static int index(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        boolean negative = start < end && text.charAt(start) == '-';
        if (start < end && (text.charAt(start) == '+' || negative)) {
            start++;
        }
        if (start == end) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = Character.digit(text.charAt(i), 10); // any script's digits, as Integer.parseInt reads them
            if (digit < 0) {
                return -1;
            }
            value = value * 10 + digit;
            if (value > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return negative && value != 0 ? -1 : (int) value;
    }

    private static XMLInputFactory factory() {
        // Woodstox, named rather than found on the class path, so which parser reads hostile XML is a decision (docs/adr/0021)
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
        return factory;
    }
}
