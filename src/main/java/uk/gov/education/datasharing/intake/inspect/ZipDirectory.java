package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads how many entries a zip file claims from its end-of-central-directory record, before a zip library
 * reads the whole central directory into memory. Used to refuse, cheaply, an Office file built with
 * hundreds of thousands of entries.
 */
final class ZipDirectory {

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int EOCD_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;

    private ZipDirectory() {
    }

    /** The total number of entries claimed, or -1 when no end record was found. */
    static long entryCount(SeekableByteChannel channel) throws IOException {
        long size = channel.size();
        int tail = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT);
        ByteBuffer buffer = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buffer, size - tail);
        for (int i = tail - EOCD_SIZE; i >= 0; i--) {
            if (buffer.getInt(i) == EOCD_SIGNATURE) {
                long count = buffer.getShort(i + 10) & 0xffff;
                if (count == 0xffff && i >= 20 && buffer.getInt(i - 20) == ZIP64_LOCATOR_SIGNATURE) {
                    long zip64Offset = buffer.getLong(i - 20 + 8);
                    if (zip64Offset >= 0 && zip64Offset + 56 <= size) {
                        ByteBuffer zip64 = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
                        readFully(channel, zip64, zip64Offset);
                        if (zip64.getInt(0) == ZIP64_EOCD_SIGNATURE) {
                            count = zip64.getLong(32);
                        }
                    }
                }
                return count < 0 ? Long.MAX_VALUE : count;
            }
        }
        return -1;
    }

    private static void readFully(SeekableByteChannel channel, ByteBuffer buffer, long at) throws IOException {
        channel.position(at);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
    }
}
