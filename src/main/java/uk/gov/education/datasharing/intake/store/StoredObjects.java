package uk.gov.education.datasharing.intake.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import uk.gov.education.datasharing.intake.model.Sha256;

/**
 * The encrypted object store read as it is, without any key: where an object named by its plaintext's SHA-256 lies
 * ({@code objects/ab/abcd....pgp}), and its OpenPGP bytes. For the team's downloads and {@code decrypt}.
 */
public final class StoredObjects {

    private final Path objects;

    public StoredObjects(Path storeRoot) {
        this.objects = storeRoot.resolve("objects");
    }

    public Path pathOf(String sha256) {
        if (!Sha256.isHex(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest");
        }
        return objects.resolve(sha256.substring(0, 2)).resolve(sha256 + ".pgp");
    }

    public boolean contains(String sha256) {
        return Sha256.isHex(sha256) && Files.isRegularFile(pathOf(sha256));
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(pathOf(sha256));
    }
}
