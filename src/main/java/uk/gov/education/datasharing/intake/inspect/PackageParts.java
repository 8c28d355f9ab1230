package uk.gov.education.datasharing.intake.inspect;

import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import uk.gov.education.datasharing.intake.io.SafeXml;

/**
 * The parts of an Office package that say what it holds, beside its stories and sheets: the content types
 * (macro and object parts), relationships (remote content, embeddings), custom properties (our template's
 * kind) and external workbook links (DDE). Each reads one part's XML into the facts.
 */
final class PackageParts {

    private static final Set<String> REMOTE_RELATIONSHIPS = Set.of("attachedtemplate", "oleobject", "frame", "subdocument",
            "externallinkpath", "image", "afchunk", "control", "package", "externallink", "themeoverride", "stylesheet", "font");
    private static final Set<String> EMBEDDING_RELATIONSHIPS = Set.of("oleobject", "package", "control", "afchunk");

    private PackageParts() {
    }

    static void contentTypes(XMLStreamReader xml, ContentFacts.Collector facts) throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                String type = String.valueOf(SafeXml.attribute(xml, "ContentType")).toLowerCase(Locale.ROOT);
                // Excel's binary workbook is "macroEnabled" by name whether or not it has macros; its VBA part decides
                if (type.contains("vbaproject") || type.contains("macroenabled") && !type.contains("sheet.binary")) {
                    facts.macros = true;
                }
                if (type.contains("oleobject") || type.contains("activex")) {
                    facts.embeddedObjects = true;
                }
            }
        }
    }

    static void relationships(XMLStreamReader xml, ContentFacts.Collector facts) throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")) {
                String type = String.valueOf(SafeXml.attribute(xml, "Type"));
                String kind = type.substring(type.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                boolean external = "external".equalsIgnoreCase(SafeXml.attribute(xml, "TargetMode"));
                if (external && REMOTE_RELATIONSHIPS.contains(kind)) {
                    facts.remote(describe(kind));
                } else if (!external && EMBEDDING_RELATIONSHIPS.contains(kind)) {
                    facts.embeddedObjects = true;
                }
            }
        }
    }

    private static String describe(String relationship) {
        return switch (relationship) {
            case "attachedtemplate" -> "a template loaded from elsewhere";
            case "image" -> "a picture loaded from elsewhere";
            case "frame" -> "a frame loaded from elsewhere";
            case "subdocument" -> "a sub-document loaded from elsewhere";
            case "externallinkpath", "externallink" -> "a link to data in another workbook";
            case "oleobject", "package", "control" -> "an object loaded from elsewhere";
            default -> "content loaded from elsewhere";
        };
    }

    static void customProperties(XMLStreamReader xml, ContentFacts.Collector facts) throws XMLStreamException {
        String current = null;
        StringBuilder value = new StringBuilder();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("property")) {
                current = SafeXml.attribute(xml, "name");
                value.setLength(0);
            } else if (event == XMLStreamConstants.CHARACTERS && current != null) {
                SafeXml.appendText(value, xml, ContentFacts.MAX_TEXT);
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("property") && current != null) {
                facts.property(current, value.toString());
                current = null;
            }
        }
    }

    static void externalLink(XMLStreamReader xml, ContentFacts.Collector facts) throws XMLStreamException {
        facts.remote("a link to data in another workbook");
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("ddeLink")) {
                facts.dde = true;
            }
        }
    }
}
