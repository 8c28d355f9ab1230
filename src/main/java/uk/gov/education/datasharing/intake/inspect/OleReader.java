package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;


/**
 * Reads an OLE2 compound file (legacy Office, encrypted OOXML, MSI): encryption, macro storages and embedded
 * objects at any depth of its directory, and inside the streams where legacy Office keeps them: Excel 4.0
 * macro sheets and VBA modules named in a workbook's sheet list, and the VBA project, embedded and linked
 * objects and ActiveX controls among a presentation's records. POI reads the compound file into memory, so
 * the caller bounds its size.
 */
final class OleReader {

    private static final Set<String> MACRO_STORAGES = Set.of("macros", "_vba_project_cur", "vba", "_vba_project");
    private static final int MAX_ENTRIES = 10_000;
    private static final int FILEPASS = 0x002F;
    private static final int BOUNDSHEET = 0x0085;
    private static final int EOF = 0x000A;
    private static final int MAX_RECORDS = 100_000;
    /** Sheet types in a BOUNDSHEET record: 1 an Excel 4.0 macro sheet, 6 a VBA module. */
    private static final int MACRO_SHEET = 1;
    private static final int VBA_MODULE = 6;
    /** PowerPoint record types: VBAInfo, ExEmbed, ExOleLink, ExControl, ExOleObjStg (an object's compressed storage). */
    private static final int PPT_VBA_INFO = 0x03FF;
    private static final int PPT_EX_EMBED = 0x0FCC;
    private static final int PPT_EX_OLE_LINK = 0x0FCE;
    private static final int PPT_EX_CONTROL = 0x0FEE;
    private static final int PPT_EX_OLE_OBJ_STG = 0x1011;

    private final long maxBytes;

    OleReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    ContentFacts read(InputStream content, long size) {
        ContentFacts.Collector facts = new ContentFacts.Collector();
        if (size > maxBytes) {
            facts.tooComplex = true;
            return facts.build();
        }
        try (POIFSFileSystem ole = new POIFSFileSystem(content)) {
            DirectoryEntry root = ole.getRoot();
            Set<String> top = new HashSet<>();
            for (Entry entry : root) {
                top.add(entry.getName().toLowerCase(Locale.ROOT));
            }
            if (top.contains("encryptedpackage") || top.contains("encryptioninfo") || top.contains("encryptedsummary")
                    || wordEncrypted(root)) {
                facts.encrypted = true;
            }
            workbookGlobals(root, facts);
            presentation(root, facts);
            walk(root, facts, new int[] {0}, 0);
        } catch (IOException | RuntimeException e) {
            facts.unreadable = true;
        }
        return facts.build();
    }

    /** Word 97-2003: the fEncrypted bit of the file information block at the start of the WordDocument stream. */
    private static boolean wordEncrypted(DirectoryEntry root) throws IOException {
        if (!root.hasEntryCaseInsensitive("WordDocument")) {
            return false;
        }
        try (InputStream in = new DocumentInputStream((DocumentEntry) root.getEntryCaseInsensitive("WordDocument"))) {
            byte[] fib = in.readNBytes(12);
            return fib.length == 12 && (fib[0x0B] & 0x01) != 0;
        }
    }

    /**
     * Excel 97-2003: the workbook globals, up to their end: a FILEPASS record (a password to open), and the sheet
     * list, where an Excel 4.0 macro sheet or a VBA module is named by its type.
     */
    private static void workbookGlobals(DirectoryEntry root, ContentFacts.Collector facts) throws IOException {
        String name = root.hasEntryCaseInsensitive("Workbook") ? "Workbook" : root.hasEntryCaseInsensitive("Book") ? "Book" : null;
        if (name == null || !(root.getEntryCaseInsensitive(name) instanceof DocumentEntry stream)) {
            return;
        }
        try (InputStream in = new DocumentInputStream(stream)) {
            for (int i = 0; i < MAX_RECORDS; i++) {
                byte[] header = in.readNBytes(4);
                if (header.length < 4) {
                    return;
                }
                int type = (header[0] & 0xff) | (header[1] & 0xff) << 8;
                int length = (header[2] & 0xff) | (header[3] & 0xff) << 8;
                byte[] data = in.readNBytes(length);
                if (type == FILEPASS) {
                    facts.encrypted = true;
                    return; // what follows is encrypted
                }
                if (type == BOUNDSHEET && data.length >= 6 && ((data[5] & 0xff) == MACRO_SHEET || (data[5] & 0xff) == VBA_MODULE)) {
                    facts.macros = true;
                }
                if (type == EOF || data.length < length) {
                    return;
                }
            }
        }
    }

    /**
     * PowerPoint 97-2003 keeps its VBA project, embedded objects and controls as records inside the "PowerPoint Document"
     * stream, not as storages: walks the record tree (an 8-byte header; version 0xF is a container whose children follow).
     */
    private static void presentation(DirectoryEntry root, ContentFacts.Collector facts) throws IOException {
        if (!root.hasEntryCaseInsensitive("PowerPoint Document")
                || !(root.getEntryCaseInsensitive("PowerPoint Document") instanceof DocumentEntry stream)) {
            return;
        }
        byte[] records;
        try (InputStream in = new DocumentInputStream(stream)) {
            records = in.readAllBytes();
        }
        long position = 0;
        while (position + 8 <= records.length) {
            int at = (int) position;
            int version = records[at] & 0x0f;
            int type = (records[at + 2] & 0xff) | (records[at + 3] & 0xff) << 8;
            long length = (records[at + 4] & 0xffL) | (records[at + 5] & 0xffL) << 8 | (records[at + 6] & 0xffL) << 16 | (records[at + 7] & 0xffL) << 24;
            switch (type) {
                case PPT_VBA_INFO -> facts.macros = true;
                case PPT_EX_EMBED, PPT_EX_CONTROL, PPT_EX_OLE_OBJ_STG -> facts.embeddedObjects = true;
                case PPT_EX_OLE_LINK -> facts.remote("a linked object loaded from elsewhere");
                default -> {
                }
            }
            position += version == 0x0f ? 8 : 8 + length;
        }
    }

    private static void walk(DirectoryEntry directory, ContentFacts.Collector facts, int[] seen, int depth) {
        if (depth > 16) {
            facts.tooComplex = true;
            return;
        }
        for (Entry entry : directory) {
            if (++seen[0] > MAX_ENTRIES) {
                facts.tooComplex = true;
                return;
            }
            String name = entry.getName().toLowerCase(Locale.ROOT);
            if (MACRO_STORAGES.contains(name)) {
                facts.macros = true;
            }
            // Word's ObjectPool holds embedded objects (an empty one is left behind when they are deleted); Excel's are MBD storages
            if (entry instanceof DirectoryEntry storage && (name.equals("objectpool") && storage.getEntryCount() > 0 || name.startsWith("mbd"))
                    || name.equals("\u0001ole10native")) {
                facts.embeddedObjects = true;
            }
            if (entry instanceof DirectoryEntry child) {
                walk(child, facts, seen, depth + 1);
            }
        }
    }
}
