package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

/** PDFBox's random access over a seekable channel (the encrypted spool's plaintext view), buffered. */
final class ChannelRandomAccess implements RandomAccessRead {

    private static final int BUFFER = 1 << 14;

    private final SeekableByteChannel channel;
    private final long length;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private long bufferStart = -1;
    private long position;
    private boolean closed;

    ChannelRandomAccess(SeekableByteChannel channel) throws IOException {
        this.channel = channel;
        this.length = channel.size();
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer.get((int) (position++ - bufferStart)) & 0xff;
    }

    @Override
    public int read(byte[] b, int offset, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int available = (int) Math.min(len, bufferStart + buffer.limit() - position);
        buffer.get((int) (position - bufferStart), b, offset, available);
        position += available;
        return available;
    }

    private boolean fill() throws IOException {
        checkClosed();
        if (position >= length) {
            return false;
        }
        if (bufferStart >= 0 && position >= bufferStart && position < bufferStart + buffer.limit()) {
            return true;
        }
        buffer.clear();
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
        buffer.flip();
        bufferStart = position;
        return buffer.limit() > 0;
    }

    @Override
    public long getPosition() throws IOException {
        checkClosed();
        return position;
    }

    @Override
    public void seek(long newPosition) throws IOException {
        checkClosed();
        if (newPosition < 0) {
            throw new IOException("negative position");
        }
        position = Math.min(newPosition, length);
    }

    @Override
    public long length() throws IOException {
        checkClosed();
        return length;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isEOF() throws IOException {
        checkClosed();
        return position >= length;
    }

    @Override
    public RandomAccessReadView createView(long startPosition, long streamLength) throws IOException {
        checkClosed();
        return new RandomAccessReadView(this, startPosition, streamLength);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }

    private void checkClosed() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
    }
}
