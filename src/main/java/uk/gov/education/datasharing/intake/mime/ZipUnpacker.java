package uk.gov.education.datasharing.intake.mime;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;

/** Unpacks zip archives found by a walk, entry by entry, within the entry, ratio and nesting bounds. */
final class ZipUnpacker {

    private final FileExtractor.Limits limits;
    private final MimeWalk walk;

    ZipUnpacker(FileExtractor.Limits limits, MimeWalk walk) {
        this.limits = limits;
        this.walk = walk;
    }

    /**
     * Expands a zip stream within the entry, ratio and nesting bounds; nested zips are expanded, not kept.
     * {@code location} is where the archive itself was found; its entries are "inside archive NAME".
     * Returns false when a bound stopped it, so an enclosing archive stops too.
     */
    boolean unzip(InputStream raw, String archiveName, String location, String path, int level) throws IOException {
        String container = (location.isEmpty() ? "" : location + ", ") + "inside archive " + archiveName;
        CountingStream compressed = new CountingStream(raw);
        ZipInputStream zip = new ZipInputStream(compressed);
        int entries = 0;
        long expanded = 0;
        try {
            ZipEntry entry;
            while ((entry = nextEntry(zip)) != null) {
                if (++entries > limits.archiveEntries()) {
                    walk.finding(Problem.of(ProblemCode.ARCHIVE_TOO_MANY_ENTRIES, archiveName, location,
                            "more than " + limits.archiveEntries() + " files"));
                    return false;
                }
                String entryName = entry.getName();
                String safe = SafeFileName.of(entryName, "entry-" + entries + ".bin");
                String entryPath = path + "/zip" + level + "." + entries;
                RatioGuard guarded = new RatioGuard(zip, compressed, limits.archiveRatio(), expanded);
                if (entry.isDirectory()) {
                    // a folder holds no file, but it may hold data: counted and read through the guard like any entry
                    guarded.transferTo(OutputStream.nullOutputStream());
                    expanded = guarded.total();
                    continue;
                }
                if (MimeParts.isZip("", safe)) {
                    if (level >= limits.archiveDepth()) {
                        walk.finding(Problem.of(ProblemCode.ARCHIVE_TOO_DEEP, safe, container,
                                "more than " + limits.archiveDepth() + " levels"));
                        if (walk.store(guarded, entryName, safe, "application/zip", entryPath, container) == null) {
                            return false;
                        }
                    } else if (!unzip(guarded, safe, container, entryPath, level + 1)) {
                        return false;
                    }
                } else if (walk.store(guarded, entryName, safe, "application/octet-stream", entryPath, container) == null) {
                    // Stop here: moving to the next entry would make ZipInputStream inflate the rest of this one
                    // unseen by the ratio guard, which costs unbounded time on a crafted archive.
                    return false;
                }
                expanded = guarded.total();
            }
        } catch (RatioGuard.BombSuspected e) {
            walk.finding(Problem.of(ProblemCode.ARCHIVE_BOMB, archiveName, location,
                    "more than " + limits.archiveRatio() + " times its size"));
            return false;
        } catch (EOFException e) {
            // a truncated archive: the zip reader ran out of data mid-entry (a failing sink throws other exceptions)
            walk.finding(Problem.of(ProblemCode.ARCHIVE_UNREADABLE, archiveName, location, ""));
            return false;
        } catch (ZipException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            walk.finding(Problem.of(message.contains("encrypt") ? ProblemCode.ARCHIVE_ENCRYPTED : ProblemCode.ARCHIVE_UNREADABLE,
                    archiveName, location, ""));
            return false;
        }
        return true;
    }

    /** The next entry; a header the zip reader cannot decode (a name that is not UTF-8 though flagged so) is an unreadable archive. */
    private static ZipEntry nextEntry(ZipInputStream zip) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new ZipException("unreadable entry header");
        }
    }
}
