package uk.gov.education.datasharing.intake.io;

import java.io.IOException;
import java.io.InputStream;

import jakarta.mail.internet.SharedInputStream;

/** A window [start, end) of the plaintext, buffered, with mark/reset; what Jakarta Mail parses. */
final class SpoolStream extends InputStream implements SharedInputStream {

    private final PlainReader reader;
    private final long start;
    private final long end;
    private final byte[] buffer = new byte[1 << 14];
    private long position;
    private long bufferStart = -1;
    private int bufferLength;
    private long mark;

    SpoolStream(PlainReader reader, long start, long end) {
        this.reader = reader;
        this.start = start;
        this.end = end;
        this.position = start;
        this.mark = start;
    }

    @Override
    public int read() throws IOException {
        // a byte already decrypted is returned at once; the deadline is checked whenever the buffer is refilled
        if (buffered()) {
            return buffer[(int) (position++ - bufferStart)] & 0xff;
        }
        if (!fill()) {
            return -1;
        }
        return buffer[(int) (position++ - bufferStart)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int available = (int) Math.min(len, bufferStart + bufferLength - position);
        System.arraycopy(buffer, (int) (position - bufferStart), b, off, available);
        position += available;
        return available;
    }

    /** Whether the byte at the position is decrypted in the buffer already (and within this window). */
    private boolean buffered() {
        return bufferStart >= 0 && position >= bufferStart && position < bufferStart + bufferLength && position < end;
    }

    private boolean fill() throws IOException {
        Deadline.check();
        if (position >= end) {
            return false;
        }
        if (buffered()) {
            return true;
        }
        int n = reader.read(position, buffer, 0, (int) Math.min(buffer.length, end - position));
        if (n <= 0) {
            return false;
        }
        bufferStart = position;
        bufferLength = n;
        return true;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
        mark = position;
    }

    @Override
    public synchronized void reset() {
        position = mark;
    }

    @Override
    public long getPosition() {
        return position - start;
    }

    @Override
    public InputStream newStream(long from, long to) {
        if (from < 0) {
            throw new IllegalArgumentException("start < 0");
        }
        long absoluteEnd = to == -1 ? end : Math.min(end, start + to);
        return new SpoolStream(reader, start + from, absoluteEnd);
    }
}
