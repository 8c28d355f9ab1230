package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import uk.gov.education.datasharing.intake.model.StoredObject;

/**
 * Where the extract stage keeps each file it finds: the gateway stores it encrypted to the team
 * ({@code EncryptedObjectStore::put}); {@code validate} keeps nothing and only hashes it ({@link #HASH_ONLY}).
 */
@FunctionalInterface
public interface FileKeeper {

    StoredObject keep(InputStream plain) throws IOException;

    /** Keeps nothing: the file's SHA-256 and size, as the store would name it. */
    FileKeeper HASH_ONLY = plain -> {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (DigestInputStream in = new DigestInputStream(plain, sha256)) {
                size = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return new StoredObject(HexFormat.of().formatHex(sha256.digest()), size, false);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    };
}
