package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;

import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.mailbox.MessageIdentity;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.InboundMessages;
import uk.gov.education.datasharing.intake.store.InboundMessages.Attempt;

/**
 * Attempt stage: counts one more attempt at the message, by its identity, and commits that before any of its
 * content is parsed, so a message that crashes the gateway is counted and cannot loop (docs/adr/0001).
 */
public final class CountAttempt {

    private final Database db;
    private final Clock clock;
    private final int maxAttempts;
    /** SQLSTATE for a unique constraint broken, in H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final InboundMessages inbound = new InboundMessages();

    public CountAttempt(Database db, Clock clock, int maxAttempts) {
        this.db = db;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /** Counts the attempt under the message's identity (its hash without what delivering servers add, docs/adr/0016). */
    public Attempt count(EncryptedSpool raw) throws SQLException, IOException {
        String identity;
        try (InputStream in = raw.open()) {
            identity = MessageIdentity.of(in);
        }
        try {
            return db.inTransaction(c -> inbound.beginAttempt(c, identity, raw.sha256(), raw.size(), clock.instant()));
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // another delivery of this message was counted first, on another consumer: count this one as its next attempt
            return db.inTransaction(c -> inbound.beginAttempt(c, identity, raw.sha256(), raw.size(), clock.instant()));
        }
    }

    /**
     * Takes the attempt back: it ended because the scanner gave no verdict, which says nothing about the message, so
     * an outage however long cannot use up its attempts and quarantine it.
     */
    public void release(Attempt attempt) throws SQLException {
        db.inTransaction(c -> {
            inbound.releaseAttempt(c, attempt.sha256());
            return null;
        });
    }

    /** Whether the message has failed often enough to be quarantined instead of tried again. */
    public boolean exhausted(Attempt attempt) {
        return attempt.attempts() > maxAttempts;
    }
}
