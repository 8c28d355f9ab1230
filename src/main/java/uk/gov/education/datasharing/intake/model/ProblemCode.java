package uk.gov.education.datasharing.intake.model;

import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.Defect.Severity;

/**
 * Every problem the gateway can report, in one place: its stable code (the enum name, stored and shown to
 * machines), its severity, and the values its wording may use. The wording itself is in
 * {@code schemas/problems.yaml}, so the team can change what applicants read; every code must have it, and
 * a text may use only {@code document}, {@code location}, {@code found} and the values named here (both
 * checked at start-up). A code with variants has one text per variant (ANSWER_FORMAT: one per answer type).
 */
public enum ProblemCode {
    // Finding files in a message (mime)
    MIME_TOO_DEEP(Severity.ERROR),
    MIME_UNREADABLE(Severity.ERROR),
    TOO_MANY_PARTS(Severity.ERROR),
    TOO_MANY_FILES(Severity.ERROR),
    FILE_TOO_LARGE(Severity.ERROR),
    TOTAL_TOO_LARGE(Severity.ERROR),
    ARCHIVE_TOO_MANY_ENTRIES(Severity.ERROR),
    ARCHIVE_BOMB(Severity.UNSAFE),
    ARCHIVE_ENCRYPTED(Severity.UNSAFE),
    ARCHIVE_TOO_DEEP(Severity.ERROR),
    ARCHIVE_UNREADABLE(Severity.ERROR),
    TNEF_UNREADABLE(Severity.ERROR),
    FILE_UNREADABLE(Severity.ERROR),
    SMIME_ENCRYPTED(Severity.ERROR),
    SMIME_UNREADABLE(Severity.ERROR),

    // Checking each file (inspect)
    FILE_IS_PROGRAM(Severity.UNSAFE),
    FILE_HAS_MACROS(Severity.UNSAFE),
    FILE_HAS_EMBEDDED_OBJECTS(Severity.UNSAFE),
    FILE_LOADS_REMOTE_CONTENT(Severity.UNSAFE),
    FILE_HAS_DDE(Severity.UNSAFE),
    FILE_ENCRYPTED(Severity.UNSAFE),
    PDF_HAS_SCRIPTS(Severity.UNSAFE),
    FILE_TOO_COMPLEX(Severity.UNSAFE),
    FILE_INFECTED(Severity.UNSAFE),
    FILE_NOT_SCANNED(Severity.UNSAFE),
    ARCHIVE_NOT_CHECKED(Severity.UNSAFE),
    SEND_AS_DOCX(Severity.ERROR),
    SEND_AS_XLSX(Severity.ERROR),
    FORMAT_NOT_ACCEPTED(Severity.ERROR),
    FILE_DAMAGED(Severity.ERROR),
    FILE_TYPE_MISMATCH(Severity.WARNING),

    // Reading and validating the documents (validate)
    DOCUMENT_UNREADABLE(Severity.ERROR),
    FORM_MISSING(Severity.ERROR),
    FORM_CONTROLS_MISSING(Severity.WARNING),
    ANSWER_MISSING(Severity.ERROR, List.of("label", "help", "na-allowed")),
    ANSWER_NOT_APPLICABLE(Severity.ERROR, List.of("label")),
    ANSWER_FORMAT(Severity.ERROR, List.of("label", "help", "choices"),
            List.of("email", "phone", "date", "ico-number", "yes-no", "choice", "multi-choice")),
    DATA_NEEDED_TOO_FAR_AHEAD(Severity.ERROR, List.of("months", "apply-from")),
    QUESTIONNAIRE_MISSING(Severity.ERROR),
    EVIDENCE_MISSING(Severity.ERROR),
    AGREEMENT_MISSING(Severity.ERROR, List.of("organisations", "agreements", "one-organisation", "one-agreement")),
    ANSWER_MUST_BE(Severity.ERROR, List.of("must-be")),
    EVIDENCE_NOT_ATTACHED(Severity.ERROR, List.of("evidence")),
    EXPLANATION_MISSING(Severity.ERROR),
    TOO_MANY_ROWS_REQUESTED(Severity.ERROR),
    NO_ITEMS_REQUESTED(Severity.ERROR),
    UNKNOWN_ITEM(Severity.ERROR, List.of("item")),
    CLASSIFICATION_DIFFERS(Severity.WARNING, List.of("item")),
    YEARS_MISSING(Severity.ERROR, List.of("item")),
    YEARS_NOT_POPULATED(Severity.ERROR, List.of("item", "year", "populated")),
    IDENTIFIABLE_NEEDS_DIRECT_SUPPLY(Severity.ERROR, List.of("item", "identifiability")),
    NEVER_SUPPLIED(Severity.ERROR, List.of("item", "sensitivity")),
    FULL_ADDRESS_IN_SRS(Severity.ERROR, List.of("item")),
    ARTICLE_9_NEEDED(Severity.ERROR, List.of("item")),
    WORKBOOK_MISSING(Severity.ERROR, List.of("source")),
    WORKBOOK_NOT_TICKED(Severity.ERROR, List.of("source")),

    // Deciding the outcome (shown apart from problems: REDIRECT says where to apply, FIXED what is now right)
    REDIRECT(Severity.WARNING, List.of("to", "message", "link")),
    FIXED(Severity.WARNING, List.of("message")),
    MORE_PROBLEMS(Severity.ERROR, List.of("count"));

    /** Values every text may use. */
    public static final List<String> ALWAYS = List.of("document", "location", "found");

    private final Severity severity;
    private final List<String> values;
    private final List<String> variants;

    ProblemCode(Severity severity) {
        this(severity, List.of(), List.of());
    }

    ProblemCode(Severity severity, List<String> values) {
        this(severity, values, List.of());
    }

    ProblemCode(Severity severity, List<String> values, List<String> variants) {
        this.severity = severity;
        this.values = values;
        this.variants = variants;
    }

    public Severity severity() {
        return severity;
    }

    /** The values, besides {@link #ALWAYS}, that this code's wording may use. */
    public List<String> wordingValues() {
        return values;
    }

    /** The variants this code's wording has one text each for; empty when it has one text. */
    public List<String> variants() {
        return variants;
    }

    public static Optional<ProblemCode> find(String code) {
        try {
            return Optional.of(valueOf(code));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
