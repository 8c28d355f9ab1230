package uk.gov.education.datasharing.intake.pipeline;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.store.Sealer;

/** The daily reply limit: a sender already sent this many replies in the last 24 hours gets no more. */
public final class SenderReplyLimit {

    private final Database db;
    private final Clock clock;
    private final int perDay;
    private final Outbox outbox;

    public SenderReplyLimit(Database db, Clock clock, int perDay, Sealer sealer) {
        this.outbox = new Outbox(sealer);
        this.db = db;
        this.clock = clock;
        this.perDay = perDay;
    }

    public boolean reached(String sender) throws SQLException {
        return db.inTransaction(c -> outbox.queuedTo(c, sender, clock.instant().minus(Duration.ofDays(1)))) >= perDay;
    }
}
