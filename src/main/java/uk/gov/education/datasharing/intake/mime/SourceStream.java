package uk.gov.education.datasharing.intake.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Marks read failures of the input (decoding errors) so they are told apart from failures of the sink. */
final class SourceStream extends FilterInputStream {

    SourceStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (BoundedStream.LimitReached | RatioGuard.Failure e) {
            throw e;
        } catch (IOException e) {
            throw new Unreadable();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (BoundedStream.LimitReached | RatioGuard.Failure e) {
            throw e;
        } catch (IOException e) {
            throw new Unreadable();
        }
    }

    @Override
    public void close() {
        // the caller owns the source
    }

    /** Carries no message: decoder messages quote the input. */
    static final class Unreadable extends IOException {
        Unreadable() {
            super("file could not be decoded", null);
        }
    }
}
