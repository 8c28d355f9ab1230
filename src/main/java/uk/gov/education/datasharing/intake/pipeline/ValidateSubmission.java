package uk.gov.education.datasharing.intake.pipeline;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.triage.CaseLinker;
import uk.gov.education.datasharing.intake.validate.Validator;

/**
 * Validate stage: the submission as the rules see it (this message's documents, plus what the case's
 * earlier versions had and this one lacks) checked against schemas/. Skipped when a file was unsafe.
 */
public final class ValidateSubmission {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final Database db;
    private final Validator validator;
    private final CaseHistory history;
    private final Clock clock;

    public ValidateSubmission(Database db, Validator validator, CaseHistory history, Clock clock) {
        this.db = db;
        this.validator = validator;
        this.history = history;
        this.clock = clock;
    }

    public Validated validate(ExtractedFiles files, CaseLinker.Decision link) throws SQLException {
        if (files.unsafe()) {
            return Validated.skipped();
        }
        List<Cases.StoredFinding> previous = List.of();
        var parts = files.reader().parts(); // this message's own parts, before earlier ones are merged in
        if (history.enabled() && link instanceof CaseLinker.ExistingCase existing) {
            previous = db.inTransaction(c -> history.mergeEarlier(c, existing.reference(), files.reader(), files.files()));
        }
        var validation = validator.validate(files.reader().submission(LocalDate.ofInstant(clock.instant(), UK)));
        return new Validated(validation, files.reader().problems(), parts, previous);
    }
}
