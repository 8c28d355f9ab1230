package uk.gov.education.datasharing.intake.model;

import java.util.Objects;

/**
 * What inspecting one file concluded: its type from content, what it was recognised as and how, whether
 * a scanner looked at it, and the verdict. Holds no content.
 */
public record FileCheck(String detectedType, DocumentKind kind, String recognisedBy, Scan scan, Verdict verdict) {

    /** The outcome for the file. */
    public enum Verdict {
        /** In an accepted format, and nothing unsafe found. */
        ACCEPTED,
        /** Safe as far as we can tell, but not in a format we accept, or damaged. */
        NOT_ACCEPTED,
        /** Refused as unsafe: the message is quarantined. */
        UNSAFE,
        /** An archive whose files were unpacked and checked one by one. */
        ARCHIVE,
        /** Not inspected (kept from before inspection existed). */
        UNCHECKED
    }

    /** What the scanner said. A file that was not scanned is never clean. */
    public enum Scan { CLEAN, INFECTED, NOT_SCANNED, TOO_LARGE }

    public static final FileCheck UNCHECKED = new FileCheck("", DocumentKind.OTHER, "", Scan.NOT_SCANNED, Verdict.UNCHECKED);

    public FileCheck {
        detectedType = detectedType == null ? "" : detectedType;
        Objects.requireNonNull(kind, "kind");
        recognisedBy = recognisedBy == null ? "" : recognisedBy;
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(verdict, "verdict");
    }
}
