package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.mailbox.MessageIdentity;
import uk.gov.education.datasharing.intake.metrics.Reconciliation;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.InboundMessages;

/**
 * Reads the mailbox folders (INBOX, processed, quarantine, ignored) and the case index for one period and
 * reconciles them ({@link Reconciliation}): for the {@code reconcile} command, and for the gateway's own
 * periodic run whose result is a metric. Messages are named by their identity, as intake counts them (docs/adr/0016).
 */
public final class MailboxReconciler {

    /** The reconciliation, and how many quarantined messages were too large to have been kept (so have no record). */
    public record Report(Reconciliation.Result result, int unstored) {
    }

    private final GatewayConfig config;
    private final Database db;

    private final MailCredentials credentials;

    public MailboxReconciler(GatewayConfig config, MailCredentials credentials, Database db) {
        this.credentials = credentials;
        this.config = config;
        this.db = db;
    }

    /** Messages that arrived from {@code since} to {@code until} (null: no bound). */
    public Report reconcile(Instant since, Instant until) throws IOException, MessagingException, SQLException {
        Map<String, Reconciliation.Recorded> recorded = new HashMap<>();
        for (InboundMessages.Recorded r : db.inTransaction(c -> new InboundMessages().recorded(c, since, until))) {
            recorded.put(r.sha256(), new Reconciliation.Recorded(r.state(), r.folder(), r.outcome()));
        }
        GatewayConfig.Folders folders = config.folders();
        GatewayConfig.Imap imap = config.imap();
        Map<String, Set<String>> mailbox = new HashMap<>();
        int unstored = 0;
        try (Store store = MailboxLogin.open(config, credentials)) {
            for (String name : List.of(imap.folder(), folders.processed(), folders.quarantine(), folders.ignored())) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    continue;
                }
                folder.open(Folder.READ_ONLY);
                try {
                    for (Message message : folder.getMessages()) {
                        Date received = message.getReceivedDate();
                        if (received != null && (since != null && received.toInstant().isBefore(since)
                                || until != null && received.toInstant().isAfter(until))) {
                            continue;
                        }
                        if (message.getSize() > config.limits().messageBytes()) {
                            unstored++; // too large to keep: quarantined without a record (or waiting to be)
                            continue;
                        }
                        mailbox.computeIfAbsent(MessageIdentity.of(message), k -> new HashSet<>()).add(name);
                    }
                } finally {
                    folder.close(false);
                }
            }
        }
        return new Report(Reconciliation.compare(mailbox, recorded, imap.folder()), unstored);
    }
}
