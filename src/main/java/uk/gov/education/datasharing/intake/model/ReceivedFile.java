package uk.gov.education.datasharing.intake.model;

import java.util.Objects;

/**
 * One file found in a message. {@code originalName} is as sent (kept only in the encrypted manifest);
 * {@code safeName} is safe to show and to store in the case index. {@code container} says where it was
 * found when not directly attached ("inside forwarded message …", "inside archive x.zip").
 */
public record ReceivedFile(int ordinal, String partPath, String originalName, String safeName, String contentType,
                           long size, String sha256, String container) {

    public ReceivedFile(int ordinal, String partPath, String originalName, String safeName, String contentType, long size, String sha256) {
        this(ordinal, partPath, originalName, safeName, contentType, size, sha256, "");
    }

    public ReceivedFile {
        container = container == null ? "" : container;
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
