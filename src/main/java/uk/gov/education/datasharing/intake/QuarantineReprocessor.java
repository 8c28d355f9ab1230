package uk.gov.education.datasharing.intake;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.mailbox.MailboxMover;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.InboundMessages;

/**
 * Gives a quarantined case's messages another run: their attempts are reset first, then they are moved from the
 * quarantine folder back to the polled folder, so the gateway never sees one half-released. Safe to repeat after a
 * stop half-way. Used by {@code reprocess} and the workspace.
 */
public final class QuarantineReprocessor {

    /** How many messages were released in the case index, and how many of them were found and moved in the mailbox. */
    public record Result(int released, int moved) {
    }

    private final GatewayConfig config;
    private final Database db;

    private final MailCredentials credentials;

    public QuarantineReprocessor(GatewayConfig config, MailCredentials credentials, Database db) {
        this.credentials = credentials;
        this.config = config;
        this.db = db;
    }

    public Result reprocess(String reference) throws SQLException, MessagingException, java.io.IOException {
        Set<String> waiting = db.inTransaction(c -> new InboundMessages().release(c, reference));
        if (waiting.isEmpty()) {
            return new Result(0, 0);
        }
        List<String> moved;
        try (Store store = MailboxLogin.open(config, credentials)) {
            moved = new MailboxMover(config.limits().messageBytes()).move(store, config.folders().quarantine(), config.imap().folder(), waiting);
        }
        return new Result(waiting.size(), moved.size());
    }
}
