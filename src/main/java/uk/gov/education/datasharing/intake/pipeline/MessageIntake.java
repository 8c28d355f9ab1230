package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import uk.gov.education.datasharing.intake.inspect.ScannerUnavailableException;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.store.InboundMessages.Attempt;
import uk.gov.education.datasharing.intake.triage.CaseLinker;

/**
 * The journey of one message, stage by stage. The intake route polls the mailbox (poll) and hands each
 * message here; this spools it (spool), counts the attempt before anything is parsed (attempt), keeps
 * it encrypted (store), screens it (screen), finds every file and inspects each (extract, inspect),
 * links it to its case (link), validates it (validate), decides the outcome (decide) and records case,
 * manifest, files, findings and queued reply in one transaction (store, record). The route then moves the
 * message to the folder returned (move), and the outbox route sends the reply (reply). Each step is timed;
 * from screening to the decision the message has a deadline, past which it is quarantined and intake
 * moves on (docs/adr/0012). When the scanner gives no verdict the message fails, its attempt is taken back, and
 * it waits in the inbox until the scanner answers.
 */
public final class MessageIntake {

    private final IntakeStages stages;
    private final StageTimings timings;
    private final Duration deadline;

    /** @param deadline the time one message may take from screening to its decision (intake.limits.message-seconds) */
    public MessageIntake(IntakeStages stages, StageTimings timings, Duration deadline) {
        this.stages = stages;
        this.timings = timings;
        this.deadline = deadline;
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
            return MessageResult.duplicate(attempt, attempt.sha256());
        }
        timings.time(Stage.STORE, () -> { stages.keep().keep(raw); return null; });
        Examined examined;
        try {
            examined = stages.attempts().exhausted(attempt) ? Examined.ended(QuarantineMessage.PROCESSING_FAILED)
                    : WithinDeadline.run(deadline, () -> examine(raw, attempt)).orElse(Examined.ended(QuarantineMessage.DEADLINE_EXCEEDED));
        } catch (ScannerUnavailableException e) {
            stages.attempts().release(attempt); // fail closed: the message waits in the inbox for the scanner
            throw e;
        }
        if (examined.screening() instanceof Screening.Quarantine q) {
            return stages.quarantine().quarantine(raw, attempt, q.reason());
        }
        if (examined.screening() instanceof Screening.Ignore i) {
            return stages.ignore().ignore(attempt.sha256(), i.reason());
        }
        return timings.time(Stage.RECORD, () -> stages.record().record(examined.submission()));
    }

    /** Screen to decide, within the message's deadline; nothing is written until the outcome is known in time. */
    private Examined examine(EncryptedSpool raw, Attempt attempt) throws IOException, MessagingException, SQLException {
        Screening screening = timings.time(Stage.SCREEN, () -> stages.screen().screen(raw));
        if (!(screening instanceof Screening.Pass pass)) {
            return new Examined(screening, null);
        }
        ExtractedFiles files = timings.time(Stage.EXTRACT, () -> stages.extract().extract(pass.mime()));
        CaseLinker.Decision link = timings.time(Stage.LINK, () -> stages.link().link(attempt, pass.envelope(), pass.sender(),
                pass.authenticity().authenticated()));
        Validated validated = timings.time(Stage.VALIDATE, () -> stages.validate().validate(files, link));
        Decision decision = timings.time(Stage.DECIDE, () -> stages.decide().decide(files.problems(), validated));
        return new Examined(screening, new RecordCase.Submission(raw, attempt, pass.sender(), pass.authenticity().authenticated(), link,
                files, validated, decision));
    }

    /** What examining gave: how screening ended, and the submission to record when it passed. */
    private record Examined(Screening screening, RecordCase.Submission submission) {
        static Examined ended(String quarantineReason) {
            return new Examined(new Screening.Quarantine(quarantineReason), null);
        }
    }

    IntakeStages stages() {
        return stages;
    }
}
