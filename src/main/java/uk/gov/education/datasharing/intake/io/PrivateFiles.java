package uk.gov.education.datasharing.intake.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Secret files (keys) created readable by their owner only from the first byte: never world-readable, not even briefly. */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Creates the file (it must not exist) owner-only, then writes the text into it. */
    public static void create(Path file, String text) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file); // not a POSIX file system: the folder's permissions protect it
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
