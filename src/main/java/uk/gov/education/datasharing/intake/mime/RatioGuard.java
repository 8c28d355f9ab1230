package uk.gov.education.datasharing.intake.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops expansion once an archive has produced more than ratio × the compressed bytes read (plus slack). */
final class RatioGuard extends FilterInputStream {

    private static final long SLACK_BYTES = 1 << 20;

    private final CountingStream compressed;
    private final int ratio;
    private long total;

    RatioGuard(InputStream in, CountingStream compressed, int ratio, long alreadyExpanded) {
        super(in);
        this.compressed = compressed;
        this.ratio = ratio;
        this.total = alreadyExpanded;
    }

    long total() {
        return total;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            total += n;
            if (total > compressed.count() * (long) ratio + SLACK_BYTES) {
                throw new BombSuspected();
            }
        }
        return n;
    }

    @Override
    public void close() {
        // the zip stream is closed by its owner
    }

    /** Failures raised by the archive guards, which must pass through {@link SourceStream} unchanged. */
    abstract static class Failure extends IOException {
        Failure(String message) {
            super(message, null);
        }
    }

    static final class BombSuspected extends Failure {
        BombSuspected() {
            super("expansion ratio exceeded");
        }
    }
}
