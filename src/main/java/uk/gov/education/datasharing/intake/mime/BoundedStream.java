package uk.gov.education.datasharing.intake.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes at most {@code limit} bytes through; reading more throws {@link LimitReached}. Does not close its source. */
final class BoundedStream extends FilterInputStream {

    private final long limit;
    private long count;

    BoundedStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0 && ++count > limit) {
            throw new LimitReached();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, (int) Math.min(len, limit - count + 1));
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw new LimitReached();
            }
        }
        return n;
    }

    @Override
    public void close() {
        // the caller owns the source
    }

    /** Raised when the bound is passed; the partial output is discarded by whoever was writing it. */
    static final class LimitReached extends IOException {
        LimitReached() {
            super("size limit reached", null);
        }
    }
}
