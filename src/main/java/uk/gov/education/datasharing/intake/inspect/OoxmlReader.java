package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

import com.google.re2j.Pattern;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.io.WorksheetListener;

/**
 * Reads an Office Open XML package (docx, xlsx and their macro-enabled kin) through random access to the
 * encrypted spool: macro parts, embedded objects and ActiveX, relationships that load remote content
 * (external templates, linked images, frames, linked workbooks), DDE and include fields, DDE formulas, and
 * for recognition the custom document properties, content-control tags, first paragraphs and data-table
 * header rows. Streaming XML only; every count and the total inflated size are bounded. This class walks
 * the parts; {@link PackageParts}, {@link WordStory} and {@link Worksheets} read them.
 */
final class OoxmlReader {

    private static final Pattern WORD_STORIES = Pattern.compile("word/(header|footer)\\d*\\.xml|word/(footnotes|endnotes|comments)\\.xml|word/glossary/document\\.xml");
    private static final Pattern WORD_STORY_TYPES = Pattern.compile("(main|header|footer|footnotes|endnotes|comments|glossary)\\+xml$");
    private static final String CONTENT_TYPES = "[content_types].xml";
    private static final String ROOT_RELATIONSHIPS = "_rels/.rels";
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
        return read(channel, budget, WorksheetListener.NONE);
    }

    /** As {@link #read(SeekableByteChannel, InflateBudget)}, feeding a workbook's worksheets to {@code sheets} as they are read. */
    ContentFacts read(SeekableByteChannel channel, InflateBudget budget, WorksheetListener sheets) throws IOException {
        ContentFacts.Collector facts = new ContentFacts.Collector();
        return ZipPackage.read(channel, maxEntries, facts, zip -> new Walk(zip, facts, budget, sheets).run());
    }

    private static final class Walk {
        private final ZipFile zip;
        private final ContentFacts.Collector facts;
        private final InflateBudget budget;
        private final WorksheetListener listener;

        Walk(ZipFile zip, ContentFacts.Collector facts, InflateBudget budget, WorksheetListener listener) {
            this.zip = zip;
            this.facts = facts;
            this.budget = budget;
            this.listener = listener;
        }

        void run() throws IOException, XMLStreamException {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            Map<String, ZipArchiveEntry> byName = new HashMap<>();
            for (ZipArchiveEntry entry : entries) {
                if (byName.put(entry.getName().toLowerCase(Locale.ROOT), entry) != null) {
                    facts.unreadable = true; // two parts of one name: readers disagree on which is meant
                    return;
                }
            }
            Set<String> chartData = new HashSet<>();
            PackageParts.ContentTypes types = PackageParts.ContentTypes.NONE;
            ZipArchiveEntry typesEntry = byName.get(CONTENT_TYPES);
            if (typesEntry != null) {
                facts.officePackage = true;
                types = read(typesEntry, xml -> PackageParts.contentTypes(xml, facts));
            }
            String main = null;
            ZipArchiveEntry rootRels = byName.get(ROOT_RELATIONSHIPS);
            if (rootRels != null) {
                main = read(rootRels, xml -> PackageParts.relationships(xml, ROOT_RELATIONSHIPS, chartData, facts));
            }
            // Office opens the part the root relationships name, whatever it is called; a decoy word/document.xml is read too
            String mainStory = main != null && isWordStory(types.of(main)) ? main : "word/document.xml";
            String workbook = main != null && isWorkbook(types.of(main)) ? main : "xl/workbook.xml";

            Map<Integer, String> sharedMatches = Map.of();
            List<ZipArchiveEntry> sheets = new ArrayList<>();
            List<String> embeddings = new ArrayList<>();
            for (ZipArchiveEntry entry : entries) {
                String name = entry.getName().toLowerCase(Locale.ROOT);
                String type = types.of(name);
                if (name.equals(CONTENT_TYPES) || name.equals(ROOT_RELATIONSHIPS)) {
                    continue;
                }
                if (name.endsWith("vbaproject.bin") || name.endsWith("vbadata.xml") || name.endsWith("vbaprojectsignature.bin")
                        || name.startsWith("xl/macrosheets/")) {
                    facts.macros = true;
                } else if (name.contains("/activex/")) {
                    facts.embeddedObjects = true;
                } else if (name.contains("/embeddings/")) {
                    embeddings.add(name);
                } else if (name.endsWith(".rels")) {
                    read(entry, xml -> PackageParts.relationships(xml, name, chartData, facts));
                } else if (name.equals("xl/connections.xml") || type.endsWith(".connections+xml")) {
                    visit(entry, xml -> PackageParts.connections(xml, facts));
                } else if (name.startsWith("xl/querytables/") || type.endsWith(".querytable+xml")) {
                    facts.remote("a query table filled from elsewhere");
                } else if (name.startsWith("xl/pivotcache/pivotcachedefinition") || type.endsWith(".pivotcachedefinition+xml")) {
                    visit(entry, xml -> PackageParts.pivotCache(xml, facts));
                } else if (name.equals("docprops/custom.xml")) {
                    visit(entry, xml -> PackageParts.customProperties(xml, facts));
                } else if (name.equals(mainStory) || name.equals("word/document.xml") || WORD_STORIES.matcher(name).matches()
                        || isWordStory(type)) {
                    boolean isMain = name.equals(mainStory);
                    visit(entry, xml -> WordStory.read(xml, facts, isMain));
                } else if (name.startsWith("xl/externallinks/") && name.endsWith(".xml")) {
                    visit(entry, xml -> PackageParts.externalLink(xml, facts));
                } else if (name.equals("xl/sharedstrings.xml")) {
                    sharedMatches = read(entry, Worksheets::sharedStrings);
                } else if (name.equals(workbook)) {
                    visit(entry, xml -> Worksheets.definedNames(xml, facts));
                } else if (name.startsWith("xl/worksheets/") && name.endsWith(".xml") && name.indexOf('/', 14) < 0
                        || type.endsWith(".worksheet+xml") || type.endsWith(".dialogsheet+xml")) {
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
            boolean isWorkbook = byName.containsKey(workbook);
            if (isWorkbook) {
                listener.open(zip, budget);
            }
            for (ZipArchiveEntry sheet : sheets) {
                WorksheetListener.SheetEvents alongside = isWorkbook ? listener.sheet(sheet.getName()) : null;
                visit(sheet, xml -> Worksheets.worksheet(xml, facts, shared, alongside));
            }
            if (isWorkbook) {
                listener.close(zip, budget);
            }
        }

        /** A Word story's content type: the document (or template), a header, footer, notes, comments or the glossary. */
        private static boolean isWordStory(String type) {
            return (type.startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.") || type.startsWith("application/vnd.ms-word."))
                    && WORD_STORY_TYPES.matcher(type).find();
        }

        private static boolean isWorkbook(String type) {
            return type.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.") && type.endsWith(".main+xml")
                    || type.startsWith("application/vnd.ms-excel.") && type.endsWith(".main+xml");
        }

        private void visit(ZipArchiveEntry entry, ZipPackage.PartVisitor visitor) throws IOException, XMLStreamException {
            ZipPackage.visit(zip, entry, budget, visitor);
        }

        private <T> T read(ZipArchiveEntry entry, ZipPackage.PartReader<T> reader) throws IOException, XMLStreamException {
            return ZipPackage.part(zip, entry, budget, reader);
        }
    }
}
