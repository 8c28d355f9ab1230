package uk.gov.education.datasharing.intake.inspect;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import uk.gov.education.datasharing.intake.io.Deadline;

/** Bounds the bytes inflated from one document, across all its parts. */
final class InflateBudget {

    private final long max;
    private long used;

    InflateBudget(long max) {
        this.max = max;
    }

    InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }
        };
    }

    private void count(long n) {
        Deadline.check();
        used += n;
        if (used > max) {
            throw new Exhausted();
        }
    }

    static boolean exhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Exhausted) {
                return true;
            }
        }
        return false;
    }

    /** Unchecked so it passes through the XML parser unchanged. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("document expands beyond the inspection limit", null, false, false);
        }
    }
}
