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
