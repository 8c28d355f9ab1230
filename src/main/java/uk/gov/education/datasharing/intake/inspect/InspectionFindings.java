package uk.gov.education.datasharing.intake.inspect;

import java.util.Set;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Defect.Severity;

/**
 * What checking a file can report, in the gateway's own words. As with extraction findings, the case
 * index stores only code, document, location and found, and {@link #of} rebuilds the defect from them.
 */
public final class InspectionFindings {

    public static final String PROGRAM = "FILE_IS_PROGRAM";
    public static final String MACROS = "FILE_HAS_MACROS";
    public static final String EMBEDDED_OBJECTS = "FILE_HAS_EMBEDDED_OBJECTS";
    public static final String REMOTE_CONTENT = "FILE_LOADS_REMOTE_CONTENT";
    public static final String DDE = "FILE_HAS_DDE";
    public static final String ENCRYPTED = "FILE_ENCRYPTED";
    public static final String PDF_ACTIVE = "PDF_HAS_SCRIPTS";
    public static final String TOO_COMPLEX = "FILE_TOO_COMPLEX";
    public static final String INFECTED = "FILE_INFECTED";
    public static final String SEND_AS_DOCX = "SEND_AS_DOCX";
    public static final String SEND_AS_XLSX = "SEND_AS_XLSX";
    public static final String FORMAT_NOT_ACCEPTED = "FORMAT_NOT_ACCEPTED";
    public static final String DAMAGED = "FILE_DAMAGED";
    public static final String TYPE_MISMATCH = "FILE_TYPE_MISMATCH";
    public static final String ARCHIVE_NOT_CHECKED = "ARCHIVE_NOT_CHECKED";

    private static final Set<String> CODES = Set.of(PROGRAM, MACROS, EMBEDDED_OBJECTS, REMOTE_CONTENT, DDE, ENCRYPTED, PDF_ACTIVE,
            TOO_COMPLEX, INFECTED, SEND_AS_DOCX, SEND_AS_XLSX, FORMAT_NOT_ACCEPTED, DAMAGED, TYPE_MISMATCH, ARCHIVE_NOT_CHECKED);

    private InspectionFindings() {
    }

    public static boolean knows(String code) {
        return CODES.contains(code);
    }

    public static Defect of(String code, String document, String location, String found) {
        String sendAgain = "Then send it again in a reply to this email.";
        return switch (code) {
            case PROGRAM -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This file is a program or a script (" + found + "). We never accept these.",
                    "Do not send programs. Send your documents as .docx, .xlsx or .pdf files.");
            case MACROS -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This file contains macros, which we cannot accept.",
                    "Save a copy without macros (File, Save As, then choose .docx or .xlsx). " + sendAgain);
            case EMBEDDED_OBJECTS -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This file has other files or objects embedded in it, which we cannot accept.",
                    "Remove the embedded objects and attach those files separately if we need them. " + sendAgain);
            case REMOTE_CONTENT -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This file loads content from elsewhere when it is opened (" + found + "), which we cannot accept.",
                    "Save a copy without links to other files, templates or web addresses. " + sendAgain);
            case DDE -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This file contains DDE fields or formulas, which can run commands, so we cannot accept it.",
                    "Remove those fields or formulas. " + sendAgain);
            case ENCRYPTED -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This file is protected by a password, so we cannot check it.",
                    "Remove the password (we store everything you send encrypted). " + sendAgain);
            case PDF_ACTIVE -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This PDF contains JavaScript or actions that start programs, which we cannot accept.",
                    "Print it to a new PDF or save it without scripts. " + sendAgain);
            case TOO_COMPLEX -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This file expands far beyond its size, or has far more parts than documents have, so we did not open it.",
                    "Check that it is the file you meant to send, save it again in Word, Excel or as a PDF. " + sendAgain);
            case INFECTED -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "Our virus check found a threat in this file (" + found + ").",
                    "Do not open this file again. Check your computer, then send a clean copy.");
            case ARCHIVE_NOT_CHECKED -> new Defect(code, Severity.UNSAFE, document, location, found,
                    "This is a zip file we could not look inside completely (it was renamed, inside other zip files, or we stopped "
                            + "unpacking it), so we cannot accept it.",
                    "Attach the files directly, not in a zip file. " + sendAgain);
            case SEND_AS_DOCX -> new Defect(code, Severity.ERROR, document, location, found,
                    "This file is " + found + ", which we cannot accept.", "Please send it as .docx (in Word: File, Save As, Word Document).");
            case SEND_AS_XLSX -> new Defect(code, Severity.ERROR, document, location, found,
                    "This file is " + found + ", which we cannot accept.", "Please send it as .xlsx (in Excel: File, Save As, Excel Workbook).");
            case FORMAT_NOT_ACCEPTED -> new Defect(code, Severity.ERROR, document, location, found,
                    "This file is " + found + ", which we cannot accept.",
                    "Please send application documents as .docx, .xlsx or .pdf files; evidence may also be a picture (.png or .jpg).");
            case DAMAGED -> new Defect(code, Severity.ERROR, document, location, found,
                    "We could not open this file (" + found + "); it may be damaged.",
                    "Check that it opens on your computer. " + sendAgain);
            case TYPE_MISMATCH -> new Defect(code, Severity.WARNING, document, location, found,
                    "This file's name or type does not match what it contains (" + found + "). We read it by its contents.",
                    "Check that you attached the file you meant to.");
            default -> throw new IllegalArgumentException("not an inspection finding: " + code);
        };
    }
}
