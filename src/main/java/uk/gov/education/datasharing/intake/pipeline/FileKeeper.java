package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;

import uk.gov.education.datasharing.intake.model.Sha256;
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
        MessageDigest sha256 = Sha256.newDigest();
        long size;
        try (DigestInputStream in = new DigestInputStream(plain, sha256)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        return new StoredObject(Sha256.hex(sha256), size, false);
    };
}
