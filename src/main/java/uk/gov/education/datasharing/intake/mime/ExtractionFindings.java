package uk.gov.education.datasharing.intake.mime;

import java.util.Locale;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Defect.Severity;

/**
 * What finding files in a message can report, as defects with the gateway's own wording. The case index
 * stores only code, document, location and found; {@link #of} rebuilds the full defect from those.
 */
public final class ExtractionFindings {

    public static final String MIME_TOO_DEEP = "MIME_TOO_DEEP";
    public static final String TOO_MANY_PARTS = "TOO_MANY_PARTS";
    public static final String TOO_MANY_FILES = "TOO_MANY_FILES";
    public static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
    public static final String TOTAL_TOO_LARGE = "TOTAL_TOO_LARGE";
    public static final String ARCHIVE_TOO_MANY_ENTRIES = "ARCHIVE_TOO_MANY_ENTRIES";
    public static final String ARCHIVE_BOMB = "ARCHIVE_BOMB";
    public static final String ARCHIVE_ENCRYPTED = "ARCHIVE_ENCRYPTED";
    public static final String ARCHIVE_TOO_DEEP = "ARCHIVE_TOO_DEEP";
    public static final String ARCHIVE_UNREADABLE = "ARCHIVE_UNREADABLE";
    public static final String TNEF_UNREADABLE = "TNEF_UNREADABLE";
    public static final String FILE_UNREADABLE = "FILE_UNREADABLE";
    public static final String SMIME_ENCRYPTED = "SMIME_ENCRYPTED";
    public static final String SMIME_UNREADABLE = "SMIME_UNREADABLE";

    private ExtractionFindings() {
    }

    public static Defect of(String code, String document, String location, String found) {
        String attachDirectly = "Attach the files directly to a new email and put your reference in the subject.";
        return switch (code) {
            case MIME_TOO_DEEP -> new Defect(code, Severity.ERROR, document, location, found,
                    "Your email is nested more deeply than we can read (" + found + "), so we may not have every file.", attachDirectly);
            case TOO_MANY_PARTS -> new Defect(code, Severity.ERROR, document, location, found,
                    "Your email has more parts than we can read (" + found + "), so we may not have every file.", attachDirectly);
            case TOO_MANY_FILES -> new Defect(code, Severity.ERROR, document, location, found,
                    "Your email has more files than we accept in one email (" + found + "); we kept the first ones.",
                    "Send the remaining files in another email and put your reference in the subject.");
            case FILE_TOO_LARGE -> new Defect(code, Severity.ERROR, document, location, found,
                    "This file is larger than we accept (" + found + "), so we did not keep it.",
                    "Send a smaller version of the file, or split it into several files.");
            case TOTAL_TOO_LARGE -> new Defect(code, Severity.ERROR, document, location, found,
                    "The files in your email add up to more than we accept in one email (" + found + "), so we did not keep this one.",
                    "Send this file in another email and put your reference in the subject.");
            case ARCHIVE_TOO_MANY_ENTRIES -> new Defect(code, Severity.ERROR, document, location, found,
                    "This zip file holds more files than we unpack (" + found + "); we did not unpack the rest.", attachDirectly);
            case ARCHIVE_BOMB -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This zip file expands far more than ordinary files do (" + found + "), so we did not unpack it.", attachDirectly);
            case ARCHIVE_ENCRYPTED -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This zip file is protected by a password, so we cannot check what is inside.",
                    "Attach the files directly, without a password.");
            case ARCHIVE_TOO_DEEP -> new Defect(code, Severity.ERROR, document, location, found,
                    "This zip file is inside other zip files more deeply than we unpack (" + found + ").", attachDirectly);
            case ARCHIVE_UNREADABLE -> new Defect(code, Severity.ERROR, document, location, found,
                    "We could not open this zip file.", "Check that it opens on your computer, then send it again.");
            case TNEF_UNREADABLE -> new Defect(code, Severity.ERROR, document, location, found,
                    "Outlook packed your files into winmail.dat and we could not unpack them.",
                    "Send the files again as ordinary attachments (in Outlook, send the email as HTML or plain text, not rich text).");
            case FILE_UNREADABLE -> new Defect(code, Severity.ERROR, document, location, found,
                    "We could not read this file: it was damaged on the way or by your email program.",
                    "Attach it again to a new email and put your reference in the subject.");
            case SMIME_ENCRYPTED -> new Defect(code, Severity.ERROR, document, location, found,
                    "Your email was encrypted (S/MIME), so we cannot read it or find the files in it.",
                    "Send it again without encryption. We store everything you send encrypted.");
            case SMIME_UNREADABLE -> new Defect(code, Severity.ERROR, document, location, found,
                    "Your email was signed (S/MIME) in a way we could not read, so we may not have every file.",
                    "Send the files again in an email without a signature.");
            default -> new Defect(code, Severity.ERROR, document, location, found, "We could not read part of your email.", attachDirectly);
        };
    }

    static String megabytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return Math.max(1, bytes / 1024) + " KB";
        }
        return String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024.0));
    }
}
