package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;

/**
 * The configured scanner could not give a verdict (down, timed out, answered an error). The message is not
 * decided without one: it stays in the mailbox and is tried again, and the attempt is not counted against
 * it. The message names the scanner's state only, never anything of the file.
 */
public final class ScannerUnavailableException extends IOException {

    public ScannerUnavailableException(String state, Throwable cause) {
        super(state, cause);
    }
}
