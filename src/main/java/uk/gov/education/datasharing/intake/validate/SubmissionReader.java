package uk.gov.education.datasharing.intake.validate;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.gov.education.datasharing.intake.io.InflateBudget;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Collects a submission file by file: each accepted file is read by what it was recognised as (forms by
 * FormReader, workbooks by DataTableReader); a file that cannot be read is a problem, not a failure.
 * Reading ({@link #parse}) and collecting ({@link #add(String, FileCheck, Parsed)}) are separate so the
 * gateway can read a file while it is spooled and name it once extraction has finished.
 */
public final class SubmissionReader {

    public static final String FORM = "form";
    public static final String QUESTIONNAIRE = "questionnaire";
    public static final String TABLES = "tables:";
    /** Requested rows kept per workbook; beyond it the submission gets a finding. */
    public static final int MAX_REQUESTED_ROWS = 200_000;

    private final Schemas schemas;
    private final FormReader forms = new FormReader();
    private final DataTableReader tables;
    private FormAnswers form;
    private FormAnswers questionnaire;
    private final List<DataTables> workbooks = new ArrayList<>();
    private final List<Submission.Document> documents = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    /** What reading one file gave: at most one of form, questionnaire or tables; or that it could not be read. */
    public record Parsed(FormAnswers form, FormAnswers questionnaire, DataTables tables, boolean unreadable) {
        public static final Parsed NOTHING = new Parsed(null, null, null, false);
    }

    /** Opens a file's plaintext for reading (the encrypted spool in the gateway, the file itself offline). */
    @FunctionalInterface
    public interface ContentSource {
        SeekableByteChannel open() throws IOException;
    }

    public SubmissionReader(Schemas schemas, int maxRequestedRows) {
        this.schemas = schemas;
        this.tables = new DataTableReader(schemas.dataTables(), maxRequestedRows);
    }

    /** Reads a file if it is an accepted form or workbook; {@code content} is opened only then. */
    public Parsed parse(FileCheck check, ContentSource content) {
        return parse(check, content, new InflateBudget(Long.MAX_VALUE), null);
    }

    /**
     * A reading of a workbook for the inspector to feed from its pass over the sheets (docs/adr/0022); give it to
     * {@link #parse(FileCheck, ContentSource, InflateBudget, DataTablePass)} afterwards.
     */
    public DataTablePass tablesAlongside() {
        return tables.alongside("");
    }

    /**
     * As {@link #parse(FileCheck, ContentSource)}, inflating within the file's budget (shared with its inspection); a
     * workbook is taken from {@code alongside} (may be null) when inspection read it to the end, and read here otherwise.
     */
    public Parsed parse(FileCheck check, ContentSource content, InflateBudget budget, DataTablePass alongside) {
        if (check.verdict() != FileCheck.Verdict.ACCEPTED) {
            return Parsed.NOTHING;
        }
        boolean word = check.detectedType().endsWith("wordprocessingml.document");
        boolean workbook = check.detectedType().endsWith("spreadsheetml.sheet");
        try {
            if (check.kind() == DocumentKind.APPLICATION_FORM && word) {
                try (SeekableByteChannel channel = content.open()) {
                    return new Parsed(forms.read("", channel, schemas.applicationForm(), budget), null, null, false);
                }
            }
            if (check.kind() == DocumentKind.SECURITY_QUESTIONNAIRE && word) {
                try (SeekableByteChannel channel = content.open()) {
                    return new Parsed(null, forms.read("", channel, schemas.questionnaire(), budget), null, false);
                }
            }
            if (check.kind().isDataTables() && workbook && alongside != null && alongside.finished()) {
                return new Parsed(null, null, alongside.result(), false);
            }
            if (check.kind().isDataTables() && workbook) {
                try (SeekableByteChannel channel = content.open()) {
                    return new Parsed(null, null, tables.read("", channel, budget), false);
                }
            }
        } catch (IOException e) {
            return new Parsed(null, null, null, true);
        }
        return Parsed.NOTHING;
    }

    /** Reads and adds one file (offline use). */
    public void add(String name, FileCheck check, ContentSource content) {
        add(name, check, parse(check, content));
    }

    /** Adds one file under its name, with what reading it gave. The first form and questionnaire count. */
    public void add(String name, FileCheck check, Parsed parsed) {
        documents.add(new Submission.Document(name, check.kind()));
        if (parsed.unreadable()) {
            problems.add(Problem.of(ProblemCode.DOCUMENT_UNREADABLE, name, "", ""));
        }
        if (parsed.form() != null && form == null) {
            form = new FormAnswers(name, parsed.form().answers(), parsed.form().fromLabels());
        }
        if (parsed.questionnaire() != null && questionnaire == null) {
            questionnaire = new FormAnswers(name, parsed.questionnaire().answers(), parsed.questionnaire().fromLabels());
        }
        if (parsed.tables() != null) {
            DataTables t = parsed.tables();
            workbooks.add(new DataTables(name, t.source(), t.headers(), t.requested(), t.truncated()));
        }
    }

    /** The parts this submission brought: "form", "questionnaire", and "tables:SOURCE" for each workbook. */
    public Map<String, ReadPart> parts() {
        Map<String, ReadPart> parts = new LinkedHashMap<>();
        if (form != null) {
            parts.put(FORM, form);
        }
        if (questionnaire != null) {
            parts.put(QUESTIONNAIRE, questionnaire);
        }
        for (DataTables t : workbooks) {
            parts.putIfAbsent(TABLES + t.source(), t);
        }
        return parts;
    }

    /**
     * Adds a part from the case's newest earlier version, when this submission did not bring it: a
     * resubmission is validated as the whole case. Returns whether it was used.
     */
    public boolean addEarlier(String part, ReadPart value) {
        if (part.equals(FORM) && form == null && value instanceof FormAnswers earlier) {
            form = earlier;
            return true;
        }
        if (part.equals(QUESTIONNAIRE) && questionnaire == null && value instanceof FormAnswers earlier) {
            questionnaire = earlier;
            return true;
        }
        if (part.startsWith(TABLES) && value instanceof DataTables earlier && workbooks.stream().noneMatch(t -> part.equals(TABLES + t.source()))) {
            workbooks.add(earlier);
            return true;
        }
        return false;
    }

    /** An accepted document from an earlier version of the case (evidence, agreements). */
    public void addEarlierDocument(String name, DocumentKind kind) {
        documents.add(new Submission.Document(name, kind));
    }

    public Submission submission(LocalDate today) {
        return new Submission(Optional.ofNullable(form), Optional.ofNullable(questionnaire), workbooks, documents, today);
    }

    /** Problems met while reading (unreadable documents). */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }
}
