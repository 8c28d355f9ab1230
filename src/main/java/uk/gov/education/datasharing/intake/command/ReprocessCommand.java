package uk.gov.education.datasharing.intake.command;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import jakarta.mail.Session;
import jakarta.mail.Store;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.MailProperties;
import uk.gov.education.datasharing.intake.mailbox.MailboxMover;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.InboundMessages;

/**
 * {@code reprocess}: gives a quarantined case's message another run. The attempt counter is reset first,
 * then the message is moved from the quarantine folder back to the polled folder, so the gateway never
 * sees it half-released. Safe to run again if it stopped half-way.
 */
@Command(name = "reprocess", description = "Move a quarantined case's message back to the inbox and process it again.")
final class ReprocessCommand implements Callable<Integer> {

    @Mixin
    IntakeGateway.ConfigOptions config;

    @Parameters(index = "0", description = "The quarantined case's reference.")
    String reference;

    @Override
    public Integer call() throws Exception {
        GatewayConfig gateway = GatewayConfig.from(config.settings());
        Set<String> waiting;
        try (Database db = Gateway.openDatabase(gateway.db())) {
            waiting = db.inTransaction(c -> new InboundMessages().release(c, reference));
        }
        if (waiting.isEmpty()) {
            System.err.println("error: " + reference + " has no quarantined message");
            return 1;
        }
        Session session = Session.getInstance(MailProperties.imap(gateway));
        List<String> moved;
        try (Store store = session.getStore(gateway.imap().protocol())) {
            store.connect(gateway.imap().host(), gateway.imap().port(), gateway.imap().username(), gateway.imap().password());
            moved = new MailboxMover(gateway.limits().messageBytes())
                    .move(store, gateway.folders().quarantine(), gateway.imap().folder(), waiting);
        }
        System.out.println("Released " + waiting.size() + " message(s) of " + reference + "; moved " + moved.size()
                + " from " + gateway.folders().quarantine() + " to " + gateway.imap().folder() + ".");
        if (moved.size() < waiting.size()) {
            System.out.println("Not found in " + gateway.folders().quarantine() + ": move the rest back to "
                    + gateway.imap().folder() + " with a mail client; the gateway will process them afresh.");
        }
        return 0;
    }
}
