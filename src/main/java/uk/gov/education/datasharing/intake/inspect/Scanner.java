package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.io.InputStream;

import uk.gov.education.datasharing.intake.model.FileCheck;

/**
 * A malware scanner, called for every file. ClamAV's clamd (INSTREAM) is the expected first
 * implementation. A scanner that cannot scan says {@link FileCheck.Scan#NOT_SCANNED}; it never says clean
 * for a file it did not see.
 */
public interface Scanner {

    /** The scanner's verdict; {@code signature} names what was found when infected. */
    record Result(FileCheck.Scan status, String signature) {
        public static final Result NOT_SCANNED = new Result(FileCheck.Scan.NOT_SCANNED, "");

        public static Result clean() {
            return new Result(FileCheck.Scan.CLEAN, "");
        }

        public static Result infected(String signature) {
            return new Result(FileCheck.Scan.INFECTED, signature == null ? "" : signature);
        }
    }

    Result scan(InputStream content, long size) throws IOException;

    /** The default until a scanner is configured: every file is recorded as not scanned. */
    Scanner NONE = (content, size) -> Result.NOT_SCANNED;
}
