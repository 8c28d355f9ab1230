package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

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
 * it waits in the inbox until the scanner answers. Several messages may be in here at once (one per mailbox consumer): each
 * reads its own message alone, and they take turns from linking to recording (docs/adr/0021).
 */
public final class MessageIntake {

    private final IntakeStages stages;
    private final StageTimings timings;
    private final Duration deadline;
    /** Held from linking to recording: one message at a time sees and changes the cases, limits and caps (docs/adr/0021). */
    private final ReentrantLock decisions = new ReentrantLock(true);

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
        try {
            Examined examined;
            try {
                examined = stages.attempts().exhausted(attempt) ? Examined.ended(QuarantineMessage.PROCESSING_FAILED) : examine(raw, attempt);
            } catch (ScannerUnavailableException e) {
                stages.attempts().release(attempt); // fail closed: the message waits in the inbox for the scanner
                throw e;
            }
            decideAlone();
            if (examined.screening() instanceof Screening.Quarantine q) {
                return stages.quarantine().quarantine(raw, attempt, q.reason());
            }
            if (examined.screening() instanceof Screening.Ignore i) {
                return stages.ignore().ignore(attempt.sha256(), i.reason());
            }
            return timings.time(Stage.RECORD, () -> stages.record().record(examined.submission()));
        } finally {
            if (decisions.isHeldByCurrentThread()) {
                decisions.unlock();
            }
        }
    }

    /**
     * Screen to decide, within the message's deadline; nothing is written until the outcome is known in time. Screening
     * and extraction read only this message, so they run beside other messages; from linking to recording, one message at a
     * time (docs/adr/0021), and the wait for that turn does not count against the deadline.
     */
    private Examined examine(EncryptedSpool raw, Attempt attempt) throws IOException, MessagingException, SQLException {
        long started = System.nanoTime();
        Optional<Read> read = WithinDeadline.run(deadline, () -> read(raw));
        if (read.isEmpty()) {
            return Examined.ended(QuarantineMessage.DEADLINE_EXCEEDED);
        }
        if (!(read.get().screening() instanceof Screening.Pass pass)) {
            return new Examined(read.get().screening(), null);
        }
        Duration left = deadline.minusNanos(System.nanoTime() - started);
        decideAlone();
        if (left.isNegative() || left.isZero()) {
            return Examined.ended(QuarantineMessage.DEADLINE_EXCEEDED);
        }
        return WithinDeadline.run(left, () -> decide(raw, attempt, pass, read.get().files()))
                .orElse(Examined.ended(QuarantineMessage.DEADLINE_EXCEEDED));
    }

    /** What the message is and holds: its own bytes only. */
    private Read read(EncryptedSpool raw) throws IOException, MessagingException, SQLException {
        Screening screening = timings.time(Stage.SCREEN, () -> stages.screen().screen(raw));
        if (!(screening instanceof Screening.Pass pass)) {
            return new Read(screening, null);
        }
        return new Read(screening, timings.time(Stage.EXTRACT, () -> stages.extract().extract(pass.mime())));
    }

    /** What it means, given every earlier decision: called with the decisions lock held. */
    private Examined decide(EncryptedSpool raw, Attempt attempt, Screening.Pass pass, ExtractedFiles files)
            throws IOException, MessagingException, SQLException {
        if (stages.screen().replyLimitReached(pass.sender())) { // again: a message from this sender may have been recorded since screening
            return new Examined(new Screening.Ignore(ScreenMessage.REPLY_LIMIT), null);
        }
        CaseLinker.Decision link = timings.time(Stage.LINK, () -> stages.link().link(attempt, pass.envelope(), pass.sender(),
                pass.authenticity().authenticated()));
        Validated validated = timings.time(Stage.VALIDATE, () -> stages.validate().validate(files, link));
        Decision decision = timings.time(Stage.DECIDE, () -> stages.decide().decide(files.problems(), validated));
        return new Examined(pass, new RecordCase.Submission(raw, attempt, pass.sender(), pass.authenticity().authenticated(), link,
                files, validated, decision));
    }

    /** Waits for this message's turn to decide and record, unless it has it already. */
    private void decideAlone() {
        if (!decisions.isHeldByCurrentThread()) {
            decisions.lock();
        }
    }

    /** What screening and extraction gave. */
    private record Read(Screening screening, ExtractedFiles files) {
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
