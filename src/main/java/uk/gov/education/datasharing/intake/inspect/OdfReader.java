package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Collections;
import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.google.re2j.Pattern;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.io.SafeXml;

/**
 * Reads an OpenDocument package (odt, ods, odp): encryption (the manifest's encryption data), macros (Basic and
 * script libraries, and event listeners that call a script), OLE objects, and sections, pictures or objects
 * linked from elsewhere. Such a file is never accepted (the applicant is asked for .docx or .xlsx); this
 * decides whether it is refused as unsafe instead. Streaming XML within the file's inflate budget.
 */
final class OdfReader {

    private static final String MANIFEST = "META-INF/manifest.xml";
    private static final Pattern ELSEWHERE = Pattern.compile("(?i)^\\s*(https?:|ftp:|file:|\\\\\\\\|//)");

    private final long maxEntries;

    OdfReader(long maxEntries) {
        this.maxEntries = maxEntries;
    }

    ContentFacts read(SeekableByteChannel channel, InflateBudget budget) throws IOException {
        ContentFacts.Collector facts = new ContentFacts.Collector();
        return ZipPackage.read(channel, maxEntries, facts, zip -> {
            ZipArchiveEntry manifest = zip.getEntry(MANIFEST);
            if (manifest != null) {
                ZipPackage.visit(zip, manifest, budget, xml -> manifest(xml, facts));
            }
            if (facts.encrypted) {
                return; // the parts are ciphertext
            }
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.startsWith("basic/") || name.startsWith("scripts/")) {
                    facts.macros = true;
                } else if (name.endsWith("content.xml") || name.endsWith("styles.xml") || name.endsWith("settings.xml")) {
                    ZipPackage.visit(zip, entry, budget, xml -> content(xml, facts));
                }
            }
        });
    }

    private static void manifest(XMLStreamReader xml, ContentFacts.Collector facts) throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                String element = xml.getLocalName();
                if (element.equals("encryption-data")) {
                    facts.encrypted = true;
                } else if (element.equals("file-entry")) {
                    String type = String.valueOf(SafeXml.attribute(xml, "media-type")).toLowerCase(Locale.ROOT);
                    if (type.contains("oleobject")) {
                        facts.embeddedObjects = true;
                    } else if (type.contains("script") || type.contains("basic")) {
                        facts.macros = true;
                    }
                }
            }
        }
    }

    private static void content(XMLStreamReader xml, ContentFacts.Collector facts) throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (xml.getLocalName()) {
                case "event-listener", "script" -> {
                    if (xml.getLocalName().equals("event-listener") || SafeXml.attribute(xml, "language") != null) {
                        facts.macros = true;
                    }
                }
                case "object-ole", "applet", "plugin" -> facts.embeddedObjects = true;
                case "section-source", "image", "object", "floating-frame", "dde-source", "dde-connection-decl" -> {
                    if (xml.getLocalName().startsWith("dde")) {
                        facts.dde = true;
                    }
                    String href = SafeXml.attribute(xml, "href");
                    if (href != null && ELSEWHERE.matcher(href).find()) {
                        facts.remote("content loaded from elsewhere");
                    }
                }
                default -> {
                }
            }
        }
    }
}
