package uk.gov.education.datasharing.intake.model;

import java.util.Objects;

/**
 * One file found in a message. {@code originalName} is as sent (kept only in the encrypted manifest);
 * {@code safeName} is safe to show and to store in the case index. {@code container} says where it was
 * found when not directly attached ("inside forwarded message …", "inside archive x.zip").
 */
public record ReceivedFile(int ordinal, String partPath, String originalName, String safeName, String contentType,
                           long size, String sha256, String container, FileCheck check) {

    public ReceivedFile(int ordinal, String partPath, String originalName, String safeName, String contentType, long size, String sha256) {
        this(ordinal, partPath, originalName, safeName, contentType, size, sha256, "", FileCheck.UNCHECKED);
    }

    public ReceivedFile(int ordinal, String partPath, String originalName, String safeName, String contentType, long size, String sha256,
                        String container) {
        this(ordinal, partPath, originalName, safeName, contentType, size, sha256, container, FileCheck.UNCHECKED);
    }

    public ReceivedFile {
        container = container == null ? "" : container;
        check = check == null ? FileCheck.UNCHECKED : check;
        Objects.requireNonNull(partPath, "partPath");
        Objects.requireNonNull(safeName, "safeName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
    }

    public ReceivedFile withCheck(FileCheck newCheck) {
        return new ReceivedFile(ordinal, partPath, originalName, safeName, contentType, size, sha256, container, newCheck);
    }

    @Override
    public String toString() {
        return "ReceivedFile[" + ordinal + ", " + Sha256.shortForm(sha256) + ", " + size + " bytes]";
    }
}
