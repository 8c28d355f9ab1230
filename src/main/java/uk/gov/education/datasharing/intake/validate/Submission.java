package uk.gov.education.datasharing.intake.validate;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.DocumentKind;

/**
 * One submission as the rules see it: the answers read from its forms, the requests read from its
 * workbooks, what every document was recognised as, and the date it is judged on.
 */
public record Submission(Optional<FormAnswers> form, Optional<FormAnswers> questionnaire, List<DataTables> tables,
                         List<Document> documents, LocalDate today) {

    public Submission {
        tables = List.copyOf(tables);
        documents = List.copyOf(documents);
    }

    /** A document by its safe name and what it was recognised as. */
    public record Document(String name, DocumentKind kind) {
    }

    public long count(DocumentKind kind) {
        return documents.stream().filter(d -> d.kind() == kind).count();
    }

    public boolean has(DocumentKind kind) {
        return count(kind) > 0;
    }
}
