package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.store.InboundMessages.Attempt;
import uk.gov.education.datasharing.intake.triage.CaseLinker;

/**
 * The journey of one message, stage by stage. The intake route polls the mailbox (poll) and hands each
 * message here; this spools it (spool), counts the attempt before anything is parsed (attempt), keeps
 * it encrypted (store), screens it (screen), finds every file and inspects each (extract, inspect),
 * links it to its case (link), validates it (validate), decides the outcome (decide) and records case,
 * manifest, files, findings and queued reply in one transaction (store, record). The route then moves the
 * message to the folder returned (move), and the outbox route sends the reply (reply). Each step is timed.
 */
public final class MessageIntake {

    /** The stages, each one class with one job; built by {@link IntakeWiring}. */
    public record Stages(SpoolMessage spool, CountAttempt attempts, KeepMessage keep, ScreenMessage screen, ExtractFiles extract,
                         LinkCase link, ValidateSubmission validate, DecideOutcome decide, RecordCase record,
                         QuarantineMessage quarantine, IgnoreMessage ignore) {
    }

    private final Stages stages;
    private final StageTimings timings;

    public MessageIntake(Stages stages, StageTimings timings) {
        this.stages = stages;
        this.timings = timings;
    }

    public MessageResult process(Message message) throws IOException, MessagingException, SQLException {
        Optional<EncryptedSpool> spooled = timings.time(Stage.SPOOL, () -> stages.spool().spool(message));
        if (spooled.isEmpty()) {
            return stages.quarantine().unstored();
        }
        try (EncryptedSpool raw = spooled.get()) {
            return process(raw);
        }
    }

    MessageResult process(EncryptedSpool raw) throws IOException, MessagingException, SQLException {
        Attempt attempt = timings.time(Stage.ATTEMPT, () -> stages.attempts().count(raw));
        if (attempt.finished()) {
            return duplicate(attempt, raw.sha256());
        }
        timings.time(Stage.STORE, () -> { stages.keep().keep(raw); return null; });
        if (stages.attempts().exhausted(attempt)) {
            return stages.quarantine().quarantine(raw, attempt, QuarantineMessage.PROCESSING_FAILED);
        }
        Screening screening = timings.time(Stage.SCREEN, () -> stages.screen().screen(raw));
        if (screening instanceof Screening.Quarantine q) {
            return stages.quarantine().quarantine(raw, attempt, q.reason());
        }
        if (screening instanceof Screening.Ignore i) {
            return stages.ignore().ignore(raw.sha256(), i.reason());
        }
        Screening.Pass pass = (Screening.Pass) screening;
        ExtractedFiles files = timings.time(Stage.EXTRACT, () -> stages.extract().extract(pass.mime()));
        CaseLinker.Decision link = timings.time(Stage.LINK, () -> stages.link().link(attempt, pass.envelope(), pass.sender()));
        Validated validated = timings.time(Stage.VALIDATE, () -> stages.validate().validate(files, link));
        Decision decision = timings.time(Stage.DECIDE, () -> stages.decide().decide(files.problems(), validated));
        return timings.time(Stage.RECORD, () -> stages.record().record(
                new RecordCase.Submission(raw, attempt, pass.sender(), link, files, validated, decision)));
    }

    Stages stages() {
        return stages;
    }

    /** A message already finished (delivered twice, or finished by another attempt): moved where it went before. */
    static MessageResult duplicate(Attempt attempt, String sha256) {
        return new MessageResult(attempt.folder(), "DUPLICATE_OF_" + attempt.state(), attempt.caseReference(), Sha256.shortForm(sha256));
    }
}
