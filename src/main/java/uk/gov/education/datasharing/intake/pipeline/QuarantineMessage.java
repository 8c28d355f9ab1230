package uk.gov.education.datasharing.intake.pipeline;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.mailbox.Envelope;
import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.InboundMessages;
import uk.gov.education.datasharing.intake.store.InboundMessages.Attempt;
import uk.gov.education.datasharing.intake.store.InboundMessages.State;
import uk.gov.education.datasharing.intake.store.Sealer;

/**
 * Ends a message that cannot be processed (it failed too often, its headers are too long, it is too large
 * to spool): a QUARANTINED case for the team (the raw message is already stored, unless it was too large)
 * and the message moved to Quarantine, with no reply.
 */
public final class QuarantineMessage {

    private static final Logger LOG = LoggerFactory.getLogger("intake");
    static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    private static final String UNKNOWN_SENDER = "";

    private final Database db;
    private final GatewayConfig.Folders folders;
    private final ScreenMessage parser;
    private final Clock clock;
    private final References references = new References();
    private final Cases cases;
    private final InboundMessages inbound = new InboundMessages();

    public QuarantineMessage(Database db, GatewayConfig.Folders folders, ScreenMessage parser, Clock clock, Sealer sealer) {
        this.cases = new Cases(sealer);
        this.db = db;
        this.folders = folders;
        this.parser = parser;
        this.clock = clock;
    }

    /** Over intake.limits.message-bytes: it cannot be spooled, so it goes to quarantine unstored. */
    public MessageResult unstored() {
        LOG.warn("message over the size limit: MESSAGE_TOO_LARGE -> {}", folders.quarantine());
        return new MessageResult(folders.quarantine(), "MESSAGE_TOO_LARGE", null, "unhashed");
    }

    public MessageResult quarantine(EncryptedSpool raw, Attempt attempt, String reason) throws SQLException {
        String sender = reason.equals(ScreenMessage.HEADERS_TOO_LONG) ? UNKNOWN_SENDER : senderOf(raw);
        String sha = attempt.sha256(); // the message's identity
        Instant now = clock.instant();
        String reference = db.inTransaction(c -> {
            String ref = attempt.caseReference();
            if (ref != null && cases.exists(c, ref)) {
                cases.setState(c, ref, CaseStatus.QUARANTINED, Outcome.QUARANTINED, now);
            } else {
                ref = references.mint(c);
                cases.open(c, ref, sender, CaseStatus.QUARANTINED, Outcome.QUARANTINED, List.of(reason), now);
            }
            inbound.finish(c, sha, State.QUARANTINED, folders.quarantine(), ref, reason, now);
            return ref;
        });
        LOG.warn("message {}: {} on attempt {}, quarantined as {}", Sha256.shortForm(sha), reason, attempt.attempts(),
                reference);
        return new MessageResult(folders.quarantine(), "QUARANTINED", reference, Sha256.shortForm(sha));
    }

    /** The sender is a convenience for the team; an unreadable header must not stop the quarantine. */
    private String senderOf(EncryptedSpool raw) {
        try {
            return Envelope.read(parser.parse(raw)).sender().orElse(UNKNOWN_SENDER);
        } catch (MessagingException | RuntimeException e) {
            return UNKNOWN_SENDER;
        }
    }
}
