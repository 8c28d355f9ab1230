package uk.gov.education.datasharing.intake.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import uk.gov.education.datasharing.intake.model.Sha256;

/**
 * A temporary file holding one raw message, encrypted with AES-CTR under a key that exists only in this
 * object's memory. The file is useless after a crash (the key is gone) and is deleted on close; leftovers
 * are removed at start-up by {@link #purgeLeftovers}. CTR mode allows reading from any offset, so Jakarta
 * Mail can parse the message lazily through {@link #open()} without holding it in memory (docs/adr/0002).
 */
public final class EncryptedSpool implements Closeable {

    static final String SUFFIX = ".spool";
    private static final int BLOCK = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final SecretKeySpec key;
    private final byte[] iv;
    private final FileChannel channel;
    private final long size;
    private final String sha256;

    private EncryptedSpool(Path file, SecretKeySpec key, byte[] iv, long size, String sha256) throws IOException {
        this.file = file;
        this.key = key;
        this.iv = iv;
        this.size = size;
        this.sha256 = sha256;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    /** What writes the plaintext: given an output stream, writes the whole message to it. */
    @FunctionalInterface
    public interface Source {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Streams {@code source} into a new spool file in {@code dir}, hashing the plaintext as it goes.
     *
     * @throws SpoolLimitException when the message is larger than {@code maxBytes}
     */
    public static EncryptedSpool write(Path dir, Source source, long maxBytes) throws IOException {
        return write(dir, "msg-", source, maxBytes);
    }

    /** As {@link #write(Path, Source, long)}, with a file-name prefix saying what the spool holds. */
    public static EncryptedSpool write(Path dir, String prefix, Source source, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        byte[] keyBytes = new byte[32];
        byte[] iv = new byte[BLOCK];
        RANDOM.nextBytes(keyBytes);
        RANDOM.nextBytes(iv);
        SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
        Path file = Files.createTempFile(dir, prefix, SUFFIX);
        MessageDigest digest = Sha256.newDigest();
        long written;
        try (LimitedDigestStream counter = new LimitedDigestStream(
                new CipherOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), cipher(Cipher.ENCRYPT_MODE, key, iv)),
                digest, maxBytes)) {
            source.writeTo(counter);
            written = counter.count();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new EncryptedSpool(file, key, iv, written, Sha256.hex(digest));
    }

    /** Deletes spool files left by a crash; they cannot be read, since their keys died with the process. */
    public static int purgeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path leftover : files) {
                Files.deleteIfExists(leftover);
                removed++;
            }
        }
        return removed;
    }

    public String sha256() {
        return sha256;
    }

    public long size() {
        return size;
    }

    /** A fresh stream over the whole plaintext; a {@link SharedInputStream}, so MIME parsing stays lazy. */
    public InputStream open() {
        return new SpoolStream(this::readPlain, 0, size);
    }

    /**
     * A read-only channel over the plaintext, for readers that need to seek (zip central directories,
     * PDF cross-reference tables). Closing it does not close the spool.
     */
    public SeekableByteChannel channel() {
        return new SpoolChannel(this::readPlain, size);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Decrypts plaintext bytes at a position into {@code target}; -1 at the end. */
    private int readPlain(long position, byte[] target, int offset, int length) throws IOException {
        long blockIndex = position / BLOCK;
        int skip = (int) (position % BLOCK);
        ByteBuffer encrypted = ByteBuffer.allocate(skip + length);
        long filePosition = blockIndex * BLOCK;
        while (encrypted.hasRemaining()) {
            int n = channel.read(encrypted, filePosition + encrypted.position());
            if (n < 0) {
                break;
            }
        }
        int got = encrypted.position() - skip;
        if (got <= 0) {
            return -1;
        }
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, key, counterAt(blockIndex)).doFinal(encrypted.array(), 0, encrypted.position());
            System.arraycopy(plain, skip, target, offset, got);
        } catch (GeneralSecurityException e) {
            throw new IOException("spool decryption failed", e);
        }
        return got;
    }

    /** The CTR counter block for a block index: the IV plus the index, as a 128-bit big-endian sum. */
    private byte[] counterAt(long blockIndex) {
        byte[] counter = iv.clone();
        long carry = blockIndex;
        for (int i = BLOCK - 1; i >= 0 && carry != 0; i--) {
            long sum = (counter[i] & 0xff) + (carry & 0xff);
            counter[i] = (byte) sum;
            carry = (carry >>> 8) + (sum >>> 8);
        }
        return counter;
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] iv) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, key, new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR unavailable", e);
        }
    }

    /** Raised when the raw message is larger than allowed; nothing is kept. */
    public static final class SpoolLimitException extends IOException {
        public SpoolLimitException(long limit) {
            super("message larger than " + limit + " bytes");
        }
    }

}
