package uk.gov.education.datasharing.intake.pipeline;

import java.sql.SQLException;
import java.time.Clock;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.InboundMessages;
import uk.gov.education.datasharing.intake.store.InboundMessages.State;

/** Ends a message that gets no case and no reply (automatic mail, a sender past the reply limit): recorded, moved to Ignored. */
public final class IgnoreMessage {

    private final Database db;
    private final GatewayConfig.Folders folders;
    private final Clock clock;
    private final InboundMessages inbound = new InboundMessages();

    public IgnoreMessage(Database db, GatewayConfig.Folders folders, Clock clock) {
        this.db = db;
        this.folders = folders;
        this.clock = clock;
    }

    public MessageResult ignore(String sha256, String reason) throws SQLException {
        db.inTransaction(c -> {
            inbound.finish(c, sha256, State.IGNORED, folders.ignored(), null, reason, clock.instant());
            return null;
        });
        return new MessageResult(folders.ignored(), "IGNORED_" + reason, null, Sha256.shortForm(sha256));
    }
}
