package uk.gov.education.datasharing.intake.inspect;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.google.re2j.Pattern;

import uk.gov.education.datasharing.intake.io.SafeXml;

/**
 * The parts of an Office package that say what it holds, beside its stories and sheets: the content types
 * (macro and object parts), relationships (remote content, embeddings), custom properties (our template's
 * kind) and external workbook links (DDE). Each reads one part's XML into the facts.
 */
final class PackageParts {

    private static final Set<String> REMOTE_RELATIONSHIPS = Set.of("attachedtemplate", "oleobject", "frame", "subdocument",
            "externallinkpath", "image", "afchunk", "control", "package", "externallink", "themeoverride", "stylesheet", "font",
            "mailmergesource", "mailmergeheadersource");
    private static final Set<String> EMBEDDING_RELATIONSHIPS = Set.of("oleobject", "package", "control", "afchunk");
    private static final Pattern CHART_RELS = Pattern.compile("(word|xl|ppt)/charts/_rels/[^/]+\\.rels");
    /** A template on this computer's own disk (Word records the one a document was made from); not a fetch from elsewhere. */
    private static final Pattern LOCAL_PATH = Pattern.compile("(?i)(file:/{0,3})?[a-z]:[\\\\/].*");
    /** A target Word fetches from elsewhere: the web, a file URL, a share. A bare name such as "Normal.dotm" is none of these. */
    private static final Pattern ELSEWHERE = Pattern.compile("(?i)^\\s*(https?:|ftp:|file:|\\\\\\\\|//)");

    private PackageParts() {
    }

    /** The content type of each part: by its name (Override), else by its extension (Default); lower case. */
    record ContentTypes(Map<String, String> byPart, Map<String, String> byExtension) {
        static final ContentTypes NONE = new ContentTypes(Map.of(), Map.of());

        String of(String part) {
            String type = byPart.get(part);
            if (type == null) {
                int dot = part.lastIndexOf('.');
                type = dot < 0 ? null : byExtension.get(part.substring(dot + 1));
            }
            return type == null ? "" : type;
        }
    }

    static ContentTypes contentTypes(XMLStreamReader xml, ContentFacts.Collector facts) throws XMLStreamException {
        Map<String, String> byPart = new HashMap<>();
        Map<String, String> byExtension = new HashMap<>();
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                String type = String.valueOf(SafeXml.attribute(xml, "ContentType")).toLowerCase(Locale.ROOT);
                String part = SafeXml.attribute(xml, "PartName");
                String extension = SafeXml.attribute(xml, "Extension");
                if (part != null) {
                    byPart.put(stripSlash(part.toLowerCase(Locale.ROOT)), type);
                } else if (extension != null) {
                    byExtension.put(extension.toLowerCase(Locale.ROOT), type);
                }
                // Excel's binary workbook is "macroEnabled" by name whether or not it has macros; its VBA part decides
                if (type.contains("vbaproject") || type.contains("macroenabled") && !type.contains("sheet.binary")
                        || type.contains("macrosheet")) {
                    facts.macros = true;
                }
                if (type.contains("oleobject") || type.contains("activex")) {
                    facts.embeddedObjects = true;
                }
            }
        }
        return new ContentTypes(byPart, byExtension);
    }

    /**
     * Reads one relationships part. A chart's data workbook is an embedded package but no object: Word and Excel keep
     * it so the chart can be edited, and it never runs. Those targets go into {@code chartData} for the walk to
     * excuse; every other embedding is an embedded object. Returns the part an office-document relationship names (in
     * the package's root relationships, the main part that Office opens), or null.
     */
    static String relationships(XMLStreamReader xml, String relsName, Set<String> chartData, ContentFacts.Collector facts)
            throws XMLStreamException {
        boolean chart = CHART_RELS.matcher(relsName).matches();
        String officeDocument = null;
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")) {
                String type = String.valueOf(SafeXml.attribute(xml, "Type"));
                String kind = type.substring(type.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                String target = String.valueOf(SafeXml.attribute(xml, "Target"));
                boolean external = "external".equalsIgnoreCase(SafeXml.attribute(xml, "TargetMode"));
                if (external && REMOTE_RELATIONSHIPS.contains(kind)) {
                    if (!kind.equals("attachedtemplate") || ELSEWHERE.matcher(target).find() && !LOCAL_PATH.matcher(target).matches()) {
                        facts.remote(describe(kind));
                    }
                } else if (!external && chart && kind.equals("package")) {
                    String part = resolve(relsName, target);
                    if (part != null) {
                        chartData.add(part);
                    }
                } else if (!external && EMBEDDING_RELATIONSHIPS.contains(kind)) {
                    facts.embeddedObjects = true;
                } else if (!external && kind.equals("officedocument") && officeDocument == null) {
                    officeDocument = resolve(relsName, target);
                }
            }
        }
        return officeDocument;
    }

    /** The lower-case part name a relationship's internal target names, or null when it cannot be resolved. */
    static String resolve(String relsName, String target) {
        int rels = relsName.lastIndexOf("_rels/");
        String base = "/" + relsName.substring(0, Math.max(rels, 0));
        try {
            String path = URI.create(base).resolve(URI.create(target.replace('\\', '/'))).normalize().getPath();
            return path == null || !path.startsWith("/") || path.startsWith("/..") ? null : path.substring(1).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A pivot table's cache: one filled from an external source (a connection or another file) fetches from elsewhere. */
    static void pivotCache(XMLStreamReader xml, ContentFacts.Collector facts) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("cacheSource")) {
                String type = SafeXml.attribute(xml, "type");
                if (type != null && !type.equals("worksheet") && !type.equals("scenario") || SafeXml.attribute(xml, "connectionId") != null) {
                    facts.remote("a pivot table filled from elsewhere");
                }
            } else if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("worksheetSource")
                    && SafeXml.attribute(xml, "id") != null) {
                facts.remote("a pivot table filled from elsewhere"); // a range in another workbook, named by a relationship
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("cacheSource")) {
                return;
            }
        }
    }

    private static String stripSlash(String part) {
        return part.startsWith("/") ? part.substring(1) : part;
    }

    /** A workbook's data connections (databases, web queries, text imports): Excel fetches them from elsewhere. */
    static void connections(XMLStreamReader xml, ContentFacts.Collector facts) throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("connection")) {
                facts.remote("a data connection to elsewhere");
            }
        }
    }

    private static String describe(String relationship) {
        return switch (relationship) {
            case "attachedtemplate" -> "a template loaded from elsewhere";
            case "image" -> "a picture loaded from elsewhere";
            case "frame" -> "a frame loaded from elsewhere";
            case "subdocument" -> "a sub-document loaded from elsewhere";
            case "mailmergesource", "mailmergeheadersource" -> "a mail merge list loaded from elsewhere";
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
