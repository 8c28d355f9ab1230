package uk.gov.education.datasharing.intake.pipeline;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.SubmissionRecord;
import uk.gov.education.datasharing.intake.reply.Reply;
import uk.gov.education.datasharing.intake.reply.ReplyComposer;
import uk.gov.education.datasharing.intake.reply.RetryPolicy;
import uk.gov.education.datasharing.intake.reply.SmtpTransport;
import uk.gov.education.datasharing.intake.schema.ProblemTexts;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.store.Sealer;

/**
 * Sends the replies that are due from the outbox, rendering each from the case index. A failed send is
 * retried with back-off; a recipient the server refuses outright is marked failed and not retried. A reply
 * is marked sent only after the SMTP server accepted it (at-least-once; see docs/adr/0004).
 */
public final class ReplyDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger("reply");
    private static final int BATCH = 20;

    private final Database db;
    private final ReplyComposer composer;
    private final SmtpTransport transport;
    private final RetryPolicy retry;
    private final Clock clock;
    private final ProblemTexts texts;
    private final Outbox outbox;
    private final Cases cases;
    private final java.util.concurrent.ExecutorService waker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reply-outbox-wake");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicBoolean wakePending = new java.util.concurrent.atomic.AtomicBoolean();

    private final java.util.function.BooleanSupplier maySend;

    /** @param maySend asked before sending: false while another instance holds the mailbox lease (and sends) */
    public ReplyDispatcher(Database db, ReplyComposer composer, SmtpTransport transport, RetryPolicy retry, Clock clock, ProblemTexts texts,
                           Sealer sealer, java.util.function.BooleanSupplier maySend) {
        this.maySend = maySend;
        this.outbox = new Outbox(sealer);
        this.cases = new Cases(sealer);
        this.texts = texts;
        this.db = db;
        this.composer = composer;
        this.transport = transport;
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * A reply was queued: send what is due now, on a thread of its own, rather than at the outbox route's next tick.
     * Wakes that come while one is waiting are one; {@link #sendDue} is synchronized, so the timer and a wake never
     * send the same reply twice.
     */
    public void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                waker.execute(() -> {
                    wakePending.set(false);
                    try {
                        sendDue();
                    } catch (SQLException | RuntimeException e) {
                        LOG.warn("outbox woken but could not send: {}", e.getClass().getSimpleName());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false); // stopping: the timer's next run, or the next start, sends it
            }
        }
    }

    /** Stops the wake thread (the gateway is stopping). */
    public void stopWaking() {
        waker.shutdownNow();
    }

    /** Sends what is due; returns how many were sent. Called by the outbox route's timer. */
    public synchronized int sendDue() throws SQLException {
        if (!maySend.getAsBoolean()) {
            return 0;
        }
        List<Outbox.PendingReply> due = db.inTransaction(c -> outbox.due(c, clock.instant(), BATCH));
        int sent = 0;
        for (Outbox.PendingReply pending : due) {
            if (send(pending)) {
                sent++;
            } else {
                break; // the server is probably down: leave the rest for their own retry time
            }
        }
        return sent;
    }

    /** The reply as the applicant gets it, rendered from the case index (as when it is sent). */
    private MimeMessage compose(Outbox.PendingReply pending) throws SQLException, MessagingException {
        SubmissionRecord submission = db.inTransaction(c -> cases.submission(c, pending.submissionId())).orElseThrow();
        List<Defect> problems = db.inTransaction(c -> cases.findings(c, pending.submissionId())).stream()
                .map(f -> Findings.of(f, texts)).toList();
        Reply reply = new Reply(Reply.Kind.valueOf(pending.kind()), pending.caseReference(), submission.version(),
                pending.recipient(), pending.messageId(), submission.files(), problems, pending.body());
        return composer.compose(transport.session(), reply);
    }

    /**
     * What the applicant was (or will be) sent by one reply of a case, as they read it: its subject and plain text,
     * rendered by the same code as when it was sent. Empty when the case has no such reply.
     */
    public Optional<String> text(String reference, long id) throws SQLException, MessagingException, IOException {
        Optional<Outbox.PendingReply> pending = db.inTransaction(c -> outbox.find(c, reference, id));
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        MimeMessage message = compose(pending.get());
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        return Optional.of("Subject: " + message.getSubject() + "\n\n" + alternative.getBodyPart(0).getContent());
    }

    private boolean send(Outbox.PendingReply pending) throws SQLException {
        try {
            MimeMessage message = compose(pending);
            transport.send(message);
        } catch (SendFailedException e) {
            if (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0) {
                boolean permanent = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
                return failed(pending, permanent ? "RECIPIENT_REFUSED" : "SEND_FAILED", permanent);
            }
        } catch (MessagingException e) {
            return failed(pending, "SMTP_UNAVAILABLE", false);
        }
        Instant now = clock.instant();
        db.inTransaction(c -> {
            outbox.markSent(c, pending.id(), now);
            return null;
        });
        LOG.info("reply {} for {} sent", pending.kind(), pending.caseReference());
        return true;
    }

    private boolean failed(Outbox.PendingReply pending, String code, boolean permanent) throws SQLException {
        Instant next = permanent ? null : retry.nextAttempt(clock.instant(), pending.attempts() + 1);
        db.inTransaction(c -> {
            outbox.markFailedAttempt(c, pending.id(), next, code);
            return null;
        });
        LOG.warn("reply {} for {} not sent: {}{}", pending.kind(), pending.caseReference(), code,
                permanent ? " (not retried)" : ", retry at " + next);
        return permanent;
    }
}
