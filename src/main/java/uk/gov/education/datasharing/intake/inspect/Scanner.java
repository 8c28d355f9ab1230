package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.io.InputStream;

import uk.gov.education.datasharing.intake.model.FileCheck;

/**
 * A malware scanner, called for every file: {@link #NONE} or ClamAV's clamd ({@link ClamdScanner}). A
 * configured scanner that cannot give a verdict throws {@link ScannerUnavailableException} (the message
 * waits for it); only {@link #NONE} says {@link FileCheck.Scan#NOT_SCANNED}. No scanner says clean for a
 * file it did not see whole.
 */
public interface Scanner {

    /** The scanner's verdict; {@code signature} names what was found when infected. */
    record Result(FileCheck.Scan status, String signature) {
        public static final Result NOT_SCANNED = new Result(FileCheck.Scan.NOT_SCANNED, "");
        /** Larger than the scanner takes (clamd's StreamMaxLength): not clean, and refused. */
        public static final Result TOO_LARGE = new Result(FileCheck.Scan.TOO_LARGE, "");

        public static Result clean() {
            return new Result(FileCheck.Scan.CLEAN, "");
        }

        public static Result infected(String signature) {
            return new Result(FileCheck.Scan.INFECTED, signature == null ? "" : signature);
        }
    }

    Result scan(InputStream content, long size) throws IOException;

    /** Whether the scanner answers now; {@link #NONE} always does. */
    default boolean ready() {
        return true;
    }

    /** The default until a scanner is configured: every file is recorded as not scanned. */
    Scanner NONE = (content, size) -> Result.NOT_SCANNED;
}
