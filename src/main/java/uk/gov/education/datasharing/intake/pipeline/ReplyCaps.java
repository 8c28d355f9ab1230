package uk.gov.education.datasharing.intake.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import uk.gov.education.datasharing.intake.store.Outbox;

/**
 * The hourly caps on replies, so the mailbox cannot be made to send mail in bulk: per recipient domain and
 * in all. A reply over a cap is refused and the refusal recorded; the per-address daily limit is
 * {@link SenderReplyLimit}'s.
 */
final class ReplyCaps {

    static final String DOMAIN_CAP = "REPLY_CAP_DOMAIN";
    static final String TOTAL_CAP = "REPLY_CAP_TOTAL";
    private static final Duration HOUR = Duration.ofHours(1);

    private final int perDomainPerHour;
    private final int perHour;
    private final Outbox outbox;

    ReplyCaps(int perDomainPerHour, int perHour, Outbox outbox) {
        this.outbox = outbox;
        this.perDomainPerHour = perDomainPerHour;
        this.perHour = perHour;
    }

    /** The cap a reply to this address would break, if any. */
    Optional<String> refusal(Connection c, String recipient, Instant now) throws SQLException {
        Instant since = now.minus(HOUR);
        if (outbox.repliesSince(c, since, null) >= perHour) {
            return Optional.of(TOTAL_CAP);
        }
        String domain = recipient.substring(recipient.lastIndexOf('@') + 1);
        return outbox.repliesSince(c, since, domain) >= perDomainPerHour ? Optional.of(DOMAIN_CAP) : Optional.empty();
    }
}
