package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.apache.tika.detect.CompositeDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.microsoft.POIFSContainerDetector;
import org.apache.tika.detect.zip.DefaultZipContainerDetector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The type of a file from its content alone (Apache Tika: magic bytes, then the OLE2 and zip container
 * detectors, which tell a macro-enabled or encrypted Office file from a plain one). No file name is given
 * to Tika, so a renamed file cannot choose its own type.
 * <p>
 * The stream must support unlimited mark/reset (the encrypted spool's does). It is deliberately not a
 * {@code TikaInputStream}: Tika would then copy the file to a plaintext temporary file to open containers;
 * with a plain stream the detectors read what they need through mark/reset instead (docs/adr/0008).
 */
public final class TypeDetector {

    private final Detector detector;

    /** @param containerBytes how much of a container the detectors may read; beyond it they fall back to magic */
    public TypeDetector(int containerBytes) {
        POIFSContainerDetector ole = new POIFSContainerDetector();
        ole.setMarkLimit(containerBytes);
        DefaultZipContainerDetector zip = new DefaultZipContainerDetector();
        zip.setMarkLimit(containerBytes);
        MimeTypes magic = MimeTypes.getDefaultMimeTypes();
        this.detector = new CompositeDetector(magic.getMediaTypeRegistry(), List.of(ole, zip, magic));
    }

    /** The media type without parameters, e.g. {@code application/pdf}. */
    public String detect(InputStream content) throws IOException {
        MediaType type = detector.detect(content, new Metadata());
        return type.getBaseType().toString();
    }
}
