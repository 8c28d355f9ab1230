package uk.gov.education.datasharing.intake.inspect;

import uk.gov.education.datasharing.intake.io.SafeXml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads an Office Open XML package (docx, xlsx and their macro-enabled kin) through random access to the
 * encrypted spool: macro parts, embedded objects and ActiveX, relationships that load remote content
 * (external templates, linked images, frames, linked workbooks), DDE and include fields, DDE formulas, and
 * for recognition the custom document properties, content-control tags, first paragraphs and data-table
 * header rows. Streaming XML only; every count and the total inflated size are bounded.
 */
final class OoxmlReader {

    private static final Pattern TABLE_ALIAS = Pattern.compile("(?i)^\\s*(NPD|ILR|HESA|HE|SWC)[\\s_]?Alias\\s*$");
    private static final Pattern REQUEST_COLUMN = Pattern.compile("(?i)^\\s*data request data item required\\??\\s*$");
    private static final Pattern DDE_FORMULA = Pattern.compile("(?i)^=?\\s*[-a-z0-9_.]+\\s*\\|\\s*'?[^!]*'?\\s*!");
    private static final Pattern URL_OR_SHARE = Pattern.compile("(?i)(https?:|ftp:|file:|\\\\\\\\)");
    private static final Set<String> REMOTE_RELATIONSHIPS = Set.of("attachedtemplate", "oleobject", "frame", "subdocument",
            "externallinkpath", "image", "afchunk", "control", "package", "externallink", "themeoverride", "stylesheet", "font");
    private static final Set<String> EMBEDDING_RELATIONSHIPS = Set.of("oleobject", "package", "control", "afchunk");
    private static final String REQUEST = "\u0000request";
    private static final Pattern WORD_STORIES = Pattern.compile("word/(header|footer)\\d*\\.xml|word/(footnotes|endnotes|comments)\\.xml");
    private static final int MAX_SHEETS = 500;
    private static final int MAX_FIELD_TEXT = 2_000;

    private final long maxEntries;
    private final long maxInflatedBytes;

    OoxmlReader(long maxEntries, long maxInflatedBytes) {
        this.maxEntries = maxEntries;
        this.maxInflatedBytes = maxInflatedBytes;
    }

    ContentFacts read(SeekableByteChannel channel) throws IOException {
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
        Budget budget = new Budget(maxInflatedBytes);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            new Walk(zip, facts, budget).run();
        } catch (IOException | XMLStreamException | RuntimeException e) {
            if (Budget.exhausted(e)) {
                facts.tooComplex = true;
            } else {
                facts.unreadable = true;
            }
        }
        return facts.build();
    }

    private static final class Walk {
        private final ZipFile zip;
        private final ContentFacts.Collector facts;
        private final Budget budget;
        private final List<ZipArchiveEntry> entries;

        Walk(ZipFile zip, ContentFacts.Collector facts, Budget budget) {
            this.zip = zip;
            this.facts = facts;
            this.budget = budget;
            this.entries = Collections.list(zip.getEntries());
        }

        void run() throws IOException, XMLStreamException {
            Map<Integer, String> sharedMatches = Map.of();
            List<ZipArchiveEntry> sheets = new ArrayList<>();
            for (ZipArchiveEntry entry : entries) {
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("vbaproject.bin") || name.endsWith("vbadata.xml") || name.endsWith("vbaprojectsignature.bin")) {
                    facts.macros = true;
                } else if (name.contains("/embeddings/") || name.contains("/activex/")) {
                    facts.embeddedObjects = true;
                } else if (name.equals("[content_types].xml")) {
                    facts.officePackage = true;
                    contentTypes(entry);
                } else if (name.endsWith(".rels")) {
                    relationships(entry);
                } else if (name.equals("docprops/custom.xml")) {
                    customProperties(entry);
                } else if (name.equals("word/document.xml")) {
                    wordStory(entry, true);
                } else if (WORD_STORIES.matcher(name).matches()) {
                    wordStory(entry, false);
                } else if (name.startsWith("xl/externallinks/") && name.endsWith(".xml")) {
                    facts.remote("a link to data in another workbook");
                    externalLink(entry);
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
            for (ZipArchiveEntry sheet : sheets) {
                worksheet(sheet, sharedMatches);
            }
        }

        private XMLStreamReader open(ZipArchiveEntry entry) throws IOException, XMLStreamException {
            return SafeXml.reader(budget.wrap(zip.getInputStream(entry)));
        }

        private void contentTypes(ZipArchiveEntry entry) throws IOException, XMLStreamException {
            XMLStreamReader xml = open(entry);
            try {
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
            } finally {
                xml.close();
            }
        }

        private void relationships(ZipArchiveEntry entry) throws IOException, XMLStreamException {
            XMLStreamReader xml = open(entry);
            try {
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
            } finally {
                xml.close();
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

        private void customProperties(ZipArchiveEntry entry) throws IOException, XMLStreamException {
            XMLStreamReader xml = open(entry);
            try {
                String current = null;
                StringBuilder value = new StringBuilder();
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("property")) {
                        current = SafeXml.attribute(xml, "name");
                        value.setLength(0);
                    } else if (event == XMLStreamConstants.CHARACTERS && current != null) {
                        append(value, xml, ContentFacts.MAX_TEXT);
                    } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("property") && current != null) {
                        facts.property(current, value.toString());
                        current = null;
                    }
                }
            } finally {
                xml.close();
            }
        }

        /** Paragraph texts and content-control tags (main story only), and fields (every story). */
        private void wordStory(ZipArchiveEntry entry, boolean mainStory) throws IOException, XMLStreamException {
            XMLStreamReader xml = open(entry);
            Deque<StringBuilder> paragraphs = new ArrayDeque<>();
            StringBuilder field = new StringBuilder();
            boolean inInstr = false;
            boolean inText = false;
            boolean inSdtProperties = false;
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        switch (xml.getLocalName()) {
                            case "p" -> {
                                if (paragraphs.size() >= SafeXml.MAX_DEPTH) {
                                    throw new Budget.Exhausted();
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
                                String type = String.valueOf(SafeXml.attribute(xml, "fldCharType"));
                                if (type.equals("begin")) {
                                    field.setLength(0);
                                } else {
                                    checkField(field.toString());
                                    field.setLength(0);
                                }
                            }
                            case "fldSimple" -> checkField(String.valueOf(SafeXml.attribute(xml, "instr")));
                            default -> {
                            }
                        }
                    } else if (event == XMLStreamConstants.CHARACTERS) {
                        if (inInstr) {
                            append(field, xml, MAX_FIELD_TEXT);
                        } else if (inText && mainStory && !paragraphs.isEmpty()) {
                            append(paragraphs.peek(), xml, ContentFacts.MAX_TEXT);
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        switch (xml.getLocalName()) {
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
                }
                checkField(field.toString());
            } finally {
                xml.close();
            }
        }

        private void checkField(String instruction) {
            String code = instruction.strip();
            if (code.isEmpty()) {
                return;
            }
            String first = code.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
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

        private void externalLink(ZipArchiveEntry entry) throws IOException, XMLStreamException {
            XMLStreamReader xml = open(entry);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("ddeLink")) {
                        facts.dde = true;
                    }
                }
            } finally {
                xml.close();
            }
        }

        /** Indices of the shared strings that matter for recognising data tables, and only those. */
        private Map<Integer, String> sharedStrings(ZipArchiveEntry entry) throws IOException, XMLStreamException {
            Map<Integer, String> matches = new HashMap<>();
            XMLStreamReader xml = open(entry);
            try {
                int index = -1;
                boolean inText = false;
                StringBuilder text = new StringBuilder();
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        if (xml.getLocalName().equals("si")) {
                            index++;
                            text.setLength(0);
                        } else if (xml.getLocalName().equals("t")) {
                            inText = true;
                        }
                    } else if (event == XMLStreamConstants.CHARACTERS && inText) {
                        append(text, xml, 200);
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        if (xml.getLocalName().equals("t")) {
                            inText = false;
                        } else if (xml.getLocalName().equals("si")) {
                            String meaning = meaning(text.toString());
                            if (meaning != null) {
                                matches.put(index, meaning);
                            }
                        }
                    }
                }
            } finally {
                xml.close();
            }
            return matches;
        }

        /** Header rows ("NPD Alias" first, with the applicant's request column) and DDE formulas. */
        private void worksheet(ZipArchiveEntry entry, Map<Integer, String> shared) throws IOException, XMLStreamException {
            XMLStreamReader xml = open(entry);
            try {
                String cellType = null;
                boolean inValue = false;
                boolean inFormula = false;
                boolean rowStarted = false;
                String rowFirst = null;
                boolean rowHasRequest = false;
                StringBuilder text = new StringBuilder();
                StringBuilder formula = new StringBuilder();
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
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
                    } else if (event == XMLStreamConstants.CHARACTERS) {
                        if (inFormula) {
                            append(formula, xml, MAX_FIELD_TEXT);
                        } else if (inValue) {
                            append(text, xml, 200);
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        switch (xml.getLocalName()) {
                            case "v", "t" -> inValue = false;
                            case "f" -> {
                                inFormula = false;
                                if (DDE_FORMULA.matcher(formula).find()) {
                                    facts.dde = true;
                                }
                            }
                            case "c" -> {
                                if (text.length() > 0) {
                                    String meaning = "s".equals(cellType) ? shared.get(parseIndex(text)) : meaning(text.toString());
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
                }
            } finally {
                xml.close();
            }
        }

        /** The data source an alias header names (NPD, ILR, HE, SWC), REQUEST for the request column, else null. */
        private static String meaning(String cell) {
            Matcher alias = TABLE_ALIAS.matcher(cell);
            if (alias.matches()) {
                String source = alias.group(1).toUpperCase(Locale.ROOT);
                return source.equals("HESA") ? "HE" : source;
            }
            return REQUEST_COLUMN.matcher(cell).matches() ? REQUEST : null;
        }

        private static int parseIndex(CharSequence text) {
            try {
                return Integer.parseInt(text.toString().trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private static void append(StringBuilder target, XMLStreamReader xml, int max) {
            int room = max - target.length();
            if (room > 0) {
                target.append(xml.getTextCharacters(), xml.getTextStart(), Math.min(room, xml.getTextLength()));
            }
        }
    }

    /** Bounds the bytes inflated from one document, across all its parts. */
    static final class Budget {
        private final long max;
        private long used;

        Budget(long max) {
            this.max = max;
        }

        InputStream wrap(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }
            };
        }

        private void count(long n) {
            used += n;
            if (used > max) {
                throw new Exhausted();
            }
        }

        static boolean exhausted(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Exhausted) {
                    return true;
                }
            }
            return false;
        }

        /** Unchecked so it passes through the XML parser unchanged. */
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("document expands beyond the inspection limit", null, false, false);
            }
        }
    }
}
