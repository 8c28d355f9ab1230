package uk.gov.education.datasharing.intake.validate;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Collects a submission file by file: each accepted file is read by what it was recognised as (forms by
 * FormReader, workbooks by DataTableReader); a file that cannot be read is a problem, not a failure.
 */
public final class SubmissionReader {

    private final Schemas schemas;
    private final FormReader forms = new FormReader();
    private final DataTableReader tables;
    private FormAnswers form;
    private FormAnswers questionnaire;
    private final List<DataTables> workbooks = new ArrayList<>();
    private final List<Submission.Document> documents = new ArrayList<>();
    private final List<Defect> problems = new ArrayList<>();

    public SubmissionReader(Schemas schemas, int maxRequestedRows) {
        this.schemas = schemas;
        this.tables = new DataTableReader(schemas.dataTables(), maxRequestedRows);
    }

    /** Adds one file; {@code content} is opened only when the file is a form or a workbook we read. */
    public void add(String name, FileCheck check, ContentSource content) throws IOException {
        documents.add(new Submission.Document(name, check.kind()));
        if (check.verdict() != FileCheck.Verdict.ACCEPTED) {
            return;
        }
        try {
            if (check.kind() == DocumentKind.APPLICATION_FORM && check.detectedType().endsWith("wordprocessingml.document") && form == null) {
                try (SeekableByteChannel channel = content.open()) {
                    form = forms.read(name, channel, schemas.applicationForm());
                }
            } else if (check.kind() == DocumentKind.SECURITY_QUESTIONNAIRE && check.detectedType().endsWith("wordprocessingml.document")
                    && questionnaire == null) {
                try (SeekableByteChannel channel = content.open()) {
                    questionnaire = forms.read(name, channel, schemas.questionnaire());
                }
            } else if (check.kind().isDataTables() && check.detectedType().endsWith("spreadsheetml.sheet")) {
                try (SeekableByteChannel channel = content.open()) {
                    workbooks.add(tables.read(name, channel));
                }
            }
        } catch (IOException e) {
            problems.add(new Defect("DOCUMENT_UNREADABLE", Defect.Severity.ERROR, name, "", "",
                    "We could not read the answers in this file.", "Check that it opens in Word or Excel, save it again and send it again."));
        }
    }

    /** Opens a file's plaintext for reading (the encrypted spool in the gateway, the file itself offline). */
    @FunctionalInterface
    public interface ContentSource {
        SeekableByteChannel open() throws IOException;
    }

    public Submission submission(LocalDate today) {
        return new Submission(Optional.ofNullable(form), Optional.ofNullable(questionnaire), workbooks, documents, today);
    }

    /** Problems met while reading (unreadable documents). */
    public List<Defect> problems() {
        return List.copyOf(problems);
    }
}
