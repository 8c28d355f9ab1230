package uk.gov.education.datasharing.intake.model;

import java.util.Locale;

/** A file's size as people read it, the same in replies and in the team's workspace: "900 bytes", "47 KB", "5.3 MB". */
public final class ByteSize {

    private ByteSize() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
