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
 * Reads the directory of an OLE2 compound file (legacy Office, encrypted OOXML, MSI): encryption, macro
 * storages and embedded objects. POI reads the compound file into memory, so the caller bounds its size.
 */
final class OleReader {

    private static final Set<String> MACRO_STORAGES = Set.of("macros", "_vba_project_cur", "vba", "_vba_project");
    private static final int MAX_ENTRIES = 10_000;
    private static final int FILEPASS = 0x002F;

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
                    || wordEncrypted(root) || workbookEncrypted(root)) {
                facts.encrypted = true;
            }
            walk(root, facts, new int[] {0}, 0);
            if (top.contains("\u0001ole10native")) {
                facts.embeddedObjects = true;
            }
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

    /** Excel 97-2003: a FILEPASS record among the first records of the workbook globals. */
    private static boolean workbookEncrypted(DirectoryEntry root) throws IOException {
        String name = root.hasEntryCaseInsensitive("Workbook") ? "Workbook" : root.hasEntryCaseInsensitive("Book") ? "Book" : null;
        if (name == null) {
            return false;
        }
        try (InputStream in = new DocumentInputStream((DocumentEntry) root.getEntryCaseInsensitive(name))) {
            for (int i = 0; i < 32; i++) {
                byte[] header = in.readNBytes(4);
                if (header.length < 4) {
                    return false;
                }
                int type = (header[0] & 0xff) | (header[1] & 0xff) << 8;
                int length = (header[2] & 0xff) | (header[3] & 0xff) << 8;
                if (type == FILEPASS) {
                    return true;
                }
                if (in.skip(length) < length) {
                    return false;
                }
            }
        }
        return false;
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
            if (depth == 0 && (name.equals("objectpool") || name.startsWith("mbd"))) {
                facts.embeddedObjects = true;
            }
            if (entry instanceof DirectoryEntry child) {
                walk(child, facts, seen, depth + 1);
            }
        }
    }
}
