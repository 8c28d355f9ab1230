package uk.gov.education.datasharing.intake.mime;

import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.StoredObject;

/**
 * A file as the walk found it, before its bytes are stored: its place in the message, its names, its
 * declared type and what it was inside. {@code originalName} is the sender's; {@code safeName} is for display.
 */
public record FoundFile(int ordinal, String partPath, String originalName, String safeName, String contentType, String container) {

    public ReceivedFile received(StoredObject stored) {
        return new ReceivedFile(ordinal, partPath, originalName, safeName, contentType, stored.size(), stored.sha256(), container);
    }

    @Override
    public String toString() {
        return "FoundFile[" + ordinal + "]";
    }
}
