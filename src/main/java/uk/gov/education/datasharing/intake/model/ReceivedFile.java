package uk.gov.education.datasharing.intake.model;

import java.util.Objects;

/**
 * One file found in a message. {@code originalName} is as sent (kept only in the encrypted manifest);
 * {@code safeName} is safe to show and to store in the case index.
 */
public record ReceivedFile(int ordinal, String partPath, String originalName, String safeName, String contentType,
                           long size, String sha256) {
    public ReceivedFile {
        Objects.requireNonNull(partPath, "partPath");
        Objects.requireNonNull(safeName, "safeName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
    }

    @Override
    public String toString() {
        return "ReceivedFile[" + ordinal + ", " + Sha256.shortForm(sha256) + ", " + size + " bytes]";
    }
}
