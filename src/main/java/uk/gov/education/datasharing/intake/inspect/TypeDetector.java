package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.tika.config.ServiceLoader;
import org.apache.tika.detect.CompositeDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.microsoft.POIFSContainerDetector;
import org.apache.tika.detect.zip.ZipContainerDetector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import uk.gov.education.datasharing.intake.io.EncryptedSpool;

/**
 * The type of a file from its content alone (Apache Tika). No file name is given to Tika, so a renamed
 * file cannot choose its own type. Magic bytes first; an OLE2 file is then named by Tika's POIFS detector
 * reading through the spool's mark/reset stream (in memory, bounded); a zip is named by Tika's zip
 * container detectors (OOXML through POI, OpenDocument, jar, ...) given a zip opened on the spool's
 * channel, as Tika itself does with a file. Nothing is copied to a plaintext file (docs/adr/0008), and
 * unlike Tika's streaming zip detection, entries the detectors do not ask for are never inflated.
 */
public final class TypeDetector {

    /** Parts POI parses whole (DOM) while naming an OOXML package; bigger ones are not handed to it. */
    private static final List<String> PACKAGE_INDEX = List.of("[Content_Types].xml", "_rels/.rels");
    private static final long PACKAGE_INDEX_BYTES = 1 << 20;

    private final Detector detector;
    private final MediaTypeRegistry registry;
    private final List<ZipContainerDetector> zipDetectors;
    private final long maxZipEntries;

    /**
     * @param containerBytes how much of an OLE2 file the detector may read into memory
     * @param maxZipEntries  zips claiming more entries are not opened (they stay {@code application/zip})
     */
    public TypeDetector(int containerBytes, long maxZipEntries) {
        POIFSContainerDetector ole = new POIFSContainerDetector();
        ole.setMarkLimit(containerBytes);
        MimeTypes magic = MimeTypes.getDefaultMimeTypes();
        this.registry = magic.getMediaTypeRegistry();
        this.detector = new CompositeDetector(registry, List.of(ole, magic));
        this.zipDetectors = new ServiceLoader(TypeDetector.class.getClassLoader()).loadStaticServiceProviders(ZipContainerDetector.class);
        this.maxZipEntries = maxZipEntries;
    }

    /** The media type without parameters, e.g. {@code application/pdf}. */
    public String detect(EncryptedSpool file) throws IOException {
        MediaType type;
        try (InputStream in = file.open()) {
            type = detector.detect(in, new Metadata());
        }
        if (type.equals(MediaType.APPLICATION_ZIP) || registry.isSpecializationOf(type, MediaType.APPLICATION_ZIP)) {
            type = zipContainer(file);
        }
        return type.getBaseType().toString();
    }

    private MediaType zipContainer(EncryptedSpool file) throws IOException {
        long entries = ZipDirectory.entryCount(file.channel());
        if (entries < 0 || entries > maxZipEntries) {
            return MediaType.APPLICATION_ZIP;
        }
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(file.channel()).get();
             TikaInputStream container = TikaInputStream.get(InputStream.nullInputStream())) {
            if (!indexWithinBounds(zip)) {
                return MediaType.APPLICATION_ZIP;
            }
            for (ZipContainerDetector zipDetector : zipDetectors) {
                MediaType found = zipDetector.detect(zip, container);
                if (found != null) {
                    return found;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a zip we can open: say what the magic bytes said
        }
        return MediaType.APPLICATION_ZIP;
    }

    private static boolean indexWithinBounds(ZipFile zip) throws IOException {
        for (String name : PACKAGE_INDEX) {
            ZipArchiveEntry entry = zip.getEntry(name);
            if (entry != null) {
                try (InputStream in = zip.getInputStream(entry)) {
                    if (in.skip(PACKAGE_INDEX_BYTES) >= PACKAGE_INDEX_BYTES && in.read() >= 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
