package uk.gov.education.datasharing.intake.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds the bytes inflated from one document, across all its parts and every reader of it (the file checks
 * and the form and data-table readers share one budget per file). Past it, reading throws {@link Exhausted}.
 */
public final class InflateBudget {

    private final long max;
    private long used;

    public InflateBudget(long max) {
        this.max = max;
    }

    public InputStream wrap(InputStream in) {
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

    public static boolean exhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Exhausted) {
                return true;
            }
        }
        return false;
    }

    /** Unchecked so it passes through the XML parser unchanged. */
    public static final class Exhausted extends RuntimeException {
        public Exhausted() {
            super("document expands beyond the inspection limit", null, false, false);
        }
    }
}
