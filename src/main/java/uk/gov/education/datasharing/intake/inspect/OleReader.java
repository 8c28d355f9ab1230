package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;


/**
 * Reads the directory of an OLE2 compound file (legacy Office, encrypted OOXML, MSI): encryption, macro
 * storages and embedded objects. POI reads the compound file into memory, so the caller bounds its size.
 */
final class OleReader {

    private static final Set<String> MACRO_STORAGES = Set.of("macros", "_vba_project_cur", "vba", "_vba_project");
    private static final int MAX_ENTRIES = 10_000;

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
            if (top.contains("encryptedpackage") || top.contains("encryptioninfo")) {
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
