package uk.gov.education.datasharing.intake.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only channel over a spool's plaintext, for readers that seek; closing it leaves the spool open. */
final class SpoolChannel implements SeekableByteChannel {

    private final PlainReader reader;
    private final long size;
    private long position;
    private boolean open = true;

    SpoolChannel(PlainReader reader, long size) {
        this.reader = reader;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        ensureOpen();
        Deadline.check();
        if (position >= size) {
            return -1;
        }
        int length = (int) Math.min(target.remaining(), Math.min(size - position, 1 << 16));
        byte[] chunk = new byte[length];
        int n = reader.read(position, chunk, 0, length);
        if (n <= 0) {
            return -1;
        }
        target.put(chunk, 0, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
