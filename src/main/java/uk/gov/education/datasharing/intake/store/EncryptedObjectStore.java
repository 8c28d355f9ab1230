package uk.gov.education.datasharing.intake.store;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;

import uk.gov.education.datasharing.intake.crypto.OpenPgpEncryptor;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.StoredObject;

/**
 * Stores plaintext streams as OpenPGP objects encrypted to the team's keys, named by the SHA-256 of the
 * plaintext ({@code objects/ab/abcd....pgp}), so an identical file is stored once. Objects are written to
 * a partial file and moved into place, so a reader never sees half an object. Thread-safe.
 */
public final class EncryptedObjectStore {

    private static final String PARTIAL = ".partial";

    private final Path objects;
    private final Path partials;
    private final OpenPgpEncryptor encryptor;
    private final StoredObjects layout;

    public EncryptedObjectStore(Path root, OpenPgpEncryptor encryptor) throws IOException {
        this.objects = root.resolve("objects");
        this.partials = root.resolve("partial");
        this.encryptor = encryptor;
        this.layout = new StoredObjects(root);
        Files.createDirectories(objects);
        Files.createDirectories(partials);
    }

    /** Encrypts and stores everything read from {@code plaintext}; does not close it. */
    public StoredObject put(InputStream plaintext) throws IOException {
        Path partial = Files.createTempFile(partials, "obj-", PARTIAL);
        try {
            MessageDigest digest = Sha256.newDigest();
            long size;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                size = encryptor.encrypt(new DigestingStream(plaintext, digest), out);
            }
            String sha = Sha256.hex(digest);
            Path target = pathOf(sha);
            if (Files.exists(target)) {
                return new StoredObject(sha, size, true);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                return new StoredObject(sha, size, true);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            return new StoredObject(sha, size, false);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    public boolean contains(String sha256) {
        return layout.contains(sha256);
    }

    public InputStream openEncrypted(String sha256) throws IOException {
        return layout.open(sha256);
    }

    public Path pathOf(String sha256) {
        return layout.pathOf(sha256);
    }

    /** Removes partial objects left by a crash (ciphertext only, but never complete). */
    public int purgePartials() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(partials, "*" + PARTIAL)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
                removed++;
            }
        }
        return removed;
    }

    private static final class DigestingStream extends FilterInputStream {
        private final MessageDigest digest;

        DigestingStream(InputStream in, MessageDigest digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
            }
            return n;
        }

        @Override
        public void close() {
            // the caller owns the underlying stream
        }
    }
}
