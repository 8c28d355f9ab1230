package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.google.re2j.Pattern;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.io.SafeXml;

/**
 * Reads an Office Open XML package (docx, xlsx and their macro-enabled kin) through random access to the
 * encrypted spool: macro parts, embedded objects and ActiveX, relationships that load remote content
 * (external templates, linked images, frames, linked workbooks), DDE and include fields, DDE formulas, and
 * for recognition the custom document properties, content-control tags, first paragraphs and data-table
 * header rows. Streaming XML only; every count and the total inflated size are bounded. This class walks
 * the parts; {@link PackageParts}, {@link WordStory} and {@link Worksheets} read them.
 */
final class OoxmlReader {

    private static final Pattern WORD_STORIES = Pattern.compile("word/(header|footer)\\d*\\.xml|word/(footnotes|endnotes|comments)\\.xml");
    private static final int MAX_SHEETS = 500;

    private final long maxEntries;
    private final long maxInflatedBytes;

    OoxmlReader(long maxEntries, long maxInflatedBytes) {
        this.maxEntries = maxEntries;
        this.maxInflatedBytes = maxInflatedBytes;
    }

    ContentFacts read(SeekableByteChannel channel) throws IOException {
        return read(channel, new InflateBudget(maxInflatedBytes));
    }

    /** Reads the package, inflating within the file's budget (shared with the other readers of the file). */
    ContentFacts read(SeekableByteChannel channel, InflateBudget budget) throws IOException {
        ContentFacts.Collector facts = new ContentFacts.Collector();
        long entries = ZipDirectory.entryCount(channel);
        if (entries < 0) {
            facts.unreadable = true;
            return facts.build();
        }
        if (entries > maxEntries) {
            facts.tooComplex = true;
            return facts.build();
        }
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            new Walk(zip, facts, budget).run();
        } catch (IOException | XMLStreamException | RuntimeException e) {
            if (InflateBudget.exhausted(e)) {
                facts.tooComplex = true;
            } else {
                facts.unreadable = true;
            }
        }
        return facts.build();
    }

    /** Reads one part's XML into the facts. */
    @FunctionalInterface
    private interface PartReader {
        void read(XMLStreamReader xml) throws XMLStreamException;
    }

    private static final class Walk {
        private final ZipFile zip;
        private final ContentFacts.Collector facts;
        private final InflateBudget budget;

        Walk(ZipFile zip, ContentFacts.Collector facts, InflateBudget budget) {
            this.zip = zip;
            this.facts = facts;
            this.budget = budget;
        }

        void run() throws IOException, XMLStreamException {
            Map<Integer, String> sharedMatches = Map.of();
            List<ZipArchiveEntry> sheets = new ArrayList<>();
            List<String> embeddings = new ArrayList<>();
            Set<String> chartData = new HashSet<>();
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("vbaproject.bin") || name.endsWith("vbadata.xml") || name.endsWith("vbaprojectsignature.bin")) {
                    facts.macros = true;
                } else if (name.contains("/activex/")) {
                    facts.embeddedObjects = true;
                } else if (name.contains("/embeddings/")) {
                    embeddings.add(name);
                } else if (name.equals("[content_types].xml")) {
                    facts.officePackage = true;
                    read(entry, xml -> PackageParts.contentTypes(xml, facts));
                } else if (name.endsWith(".rels")) {
                    read(entry, xml -> PackageParts.relationships(xml, name, chartData, facts));
                } else if (name.equals("xl/connections.xml")) {
                    read(entry, xml -> PackageParts.connections(xml, facts));
                } else if (name.equals("docprops/custom.xml")) {
                    read(entry, xml -> PackageParts.customProperties(xml, facts));
                } else if (name.equals("word/document.xml") || WORD_STORIES.matcher(name).matches()) {
                    boolean main = name.equals("word/document.xml");
                    read(entry, xml -> WordStory.read(xml, facts, main));
                } else if (name.startsWith("xl/externallinks/") && name.endsWith(".xml")) {
                    read(entry, xml -> PackageParts.externalLink(xml, facts));
                } else if (name.equals("xl/sharedstrings.xml")) {
                    sharedMatches = sharedStrings(entry);
                } else if (name.startsWith("xl/worksheets/") && name.endsWith(".xml") && name.indexOf('/', 14) < 0) {
                    if (sheets.size() < MAX_SHEETS) {
                        sheets.add(entry);
                    } else {
                        facts.tooComplex = true;
                    }
                }
            }
            for (String embedding : embeddings) {
                if (!(embedding.endsWith(".xlsx") && chartData.contains(embedding))) {
                    facts.embeddedObjects = true;
                }
            }
            Map<Integer, String> shared = sharedMatches;
            for (ZipArchiveEntry sheet : sheets) {
                read(sheet, xml -> Worksheets.worksheet(xml, facts, shared));
            }
        }

        private Map<Integer, String> sharedStrings(ZipArchiveEntry entry) throws IOException, XMLStreamException {
            XMLStreamReader xml = SafeXml.reader(budget.wrap(zip.getInputStream(entry)));
            try {
                return Worksheets.sharedStrings(xml);
            } finally {
                xml.close();
            }
        }

        private void read(ZipArchiveEntry entry, PartReader reader) throws IOException, XMLStreamException {
            XMLStreamReader xml = SafeXml.reader(budget.wrap(zip.getInputStream(entry)));
            try {
                reader.read(xml);
            } finally {
                xml.close();
            }
        }
    }
}
