package uk.gov.education.datasharing.intake.io;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes bytes on while hashing and counting them, and stops the write past a limit. */
final class LimitedDigestStream extends OutputStream {
    private final OutputStream out;
    private final MessageDigest digest;
    private final long limit;
    private long count;

    LimitedDigestStream(OutputStream out, MessageDigest digest, long limit) {
        this.out = out;
        this.digest = digest;
        this.limit = limit;
    }

    long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Deadline.check();
        if (count + len > limit) {
            throw new EncryptedSpool.SpoolLimitException(limit);
        }
        digest.update(b, off, len);
        out.write(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
