package uk.gov.education.datasharing.intake.mailbox;


import java.io.IOException;
import java.io.InputStream;

/**
 * Answers whether a message's top-level header block (everything before the first empty line) fits in
 * {@code limit} bytes, reading no further than the limit. Jakarta Mail holds headers in memory, so a
 * hostile message with megabytes of headers must be caught before it is parsed.
 */
public final class HeaderBlock {

    private HeaderBlock() {
    }

    public static boolean within(InputStream in, int limit) throws IOException {
        int previous = -1;
        int beforePrevious = -1;
        for (int read = 0; read <= limit; read++) {
            int b = in.read();
            if (b == -1) {
                return true;
            }
            // an empty line: LF LF, or CR LF CR LF (the CR before the second LF is ignored)
            if (b == '\n' && (previous == '\n' || (previous == '\r' && beforePrevious == '\n'))) {
                return true;
            }
            beforePrevious = previous;
            previous = b;
        }
        return false;
    }
}
