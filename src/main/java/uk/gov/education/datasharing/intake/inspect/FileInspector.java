package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.io.WorksheetListener;

/**
 * Looks inside one spooled file: its type from content (Tika), then the structure reader for that type
 * (OOXML, OpenDocument, OLE2, PDF or RTF), then the scanner. Reads the plaintext only through the encrypted spool, so nothing
 * readable reaches the disk. Problems with the file's content become facts, never exceptions; only a
 * failure to read the spool itself propagates.
 */
public final class FileInspector {

    private static final Logger LOG = LoggerFactory.getLogger(FileInspector.class);

    /** Bounds on looking inside one file; see the intake.limits.document-* settings. */
    public record Limits(int containerBytes, int documentEntries, long documentInflatedBytes, int pdfObjects) {
    }

    private final TypeDetector detector;
    private final OoxmlReader ooxml;
    private final OleReader ole;
    private final OdfReader odf;
    private final PdfReader pdf;
    private final RtfReader rtf = new RtfReader();
    private final Scanner scanner;
    private final long inflatedBytes;

    public FileInspector(Limits limits, Scanner scanner) {
        this.inflatedBytes = limits.documentInflatedBytes();
        this.detector = new TypeDetector(limits.containerBytes(), limits.documentEntries());
        this.ooxml = new OoxmlReader(limits.documentEntries(), limits.documentInflatedBytes());
        this.ole = new OleReader(limits.containerBytes());
        this.odf = new OdfReader(limits.documentEntries());
        this.pdf = new PdfReader(limits.pdfObjects());
        this.scanner = scanner;
    }

    public ContentInspection inspect(EncryptedSpool file) throws IOException {
        return inspect(file, new InflateBudget(inflatedBytes));
    }

    /** Inspects the file, inflating within {@code budget}, which later readers of the same file go on using. */
    public ContentInspection inspect(EncryptedSpool file, InflateBudget budget) throws IOException {
        return inspect(file, budget, WorksheetListener.NONE);
    }

    /**
     * As {@link #inspect(EncryptedSpool, InflateBudget)}; when the file is a workbook, {@code sheets} is fed its worksheets from
     * the same pass that inspects them (docs/adr/0022).
     */
    public ContentInspection inspect(EncryptedSpool file, InflateBudget budget, WorksheetListener sheets) throws IOException {
        String type = detector.detect(file);
        ContentFacts facts = structure(file, type, budget, sheets);
        return new ContentInspection(type, facts, scan(file));
    }

    /** The scanner's verdict; fails closed: a scanner that cannot give one stops the message, which waits for it. */
    private Scanner.Result scan(EncryptedSpool file) throws IOException {
        try (InputStream in = file.open()) {
            return scanner.scan(in, file.size());
        } catch (ScannerUnavailableException e) {
            LOG.warn("SCANNER_UNAVAILABLE: {}; the message waits in the inbox", e.getMessage());
            throw e;
        } catch (IOException | RuntimeException e) {
            LOG.warn("SCANNER_UNAVAILABLE: the scanner failed ({}); the message waits in the inbox", e.getClass().getSimpleName());
            throw new ScannerUnavailableException("the scanner failed", e);
        }
    }

    private ContentFacts structure(EncryptedSpool file, String type, InflateBudget budget, WorksheetListener sheets) throws IOException {
        try {
            if (FileTypes.isOoxml(type) || type.equals(FileTypes.ZIP)) {
                return ooxml.read(file.channel(), budget, sheets);
            }
            if (FileTypes.isOpenDocument(type)) {
                return odf.read(file.channel(), budget);
            }
            if (FileTypes.isOle(type)) {
                try (InputStream in = file.open()) {
                    return ole.read(in, file.size());
                }
            }
            if (type.equals(FileTypes.PDF)) {
                return pdf.read(file.channel());
            }
            if (type.equals("application/rtf") || type.equals("text/rtf")) {
                try (InputStream in = file.open()) {
                    return rtf.read(in);
                }
            }
            return ContentFacts.NONE;
        } catch (StackOverflowError e) {
            // a hostile file nested deeper than a parser's recursion can follow
            ContentFacts.Collector facts = new ContentFacts.Collector();
            facts.tooComplex = true;
            return facts.build();
        }
    }
}
