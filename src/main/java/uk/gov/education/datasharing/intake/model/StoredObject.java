package uk.gov.education.datasharing.intake.model;

import java.util.Objects;

/** An object in the encrypted store: the SHA-256 and size of its plaintext, and whether it was there already. */
public record StoredObject(String sha256, long size, boolean alreadyStored) {
    public StoredObject {
        Objects.requireNonNull(sha256, "sha256");
        if (!Sha256.isHex(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest");
        }
    }
}
