package uk.gov.education.datasharing.intake.command;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.MailProperties;
import uk.gov.education.datasharing.intake.metrics.Reconciliation;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.InboundMessages;

/**
 * {@code reconcile}: the mailbox folders against the case index. Reads every message in INBOX and the processed,
 * quarantine and ignored folders, names each by the SHA-256 of its raw bytes (the gateway's identity for a
 * message), and compares with what was recorded. Exit 0 when every message seen is in exactly one final state
 * and one folder and the outcomes add up; 1 with each discrepancy listed (by short hash and folder only).
 */
@Command(name = "reconcile", description = "Compare the mailbox folders with the case index; exit 1 on any discrepancy.")
final class ReconcileCommand implements Callable<Integer> {

    @Mixin
    IntakeGateway.ConfigOptions options;

    @Option(names = "--since", description = "Only messages first seen on or after this day (yyyy-mm-dd, UTC).")
    LocalDate since;

    @Override
    public Integer call() throws Exception {
        GatewayConfig config = GatewayConfig.from(options.settings());
        Instant from = since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Reconciliation.Recorded> recorded = new HashMap<>();
        try (Database db = Gateway.openDatabase(config.db())) {
            for (InboundMessages.Recorded r : db.inTransaction(c -> new InboundMessages().recorded(c, from))) {
                recorded.put(r.sha256(), new Reconciliation.Recorded(r.state(), r.folder(), r.outcome()));
            }
        }
        GatewayConfig.Folders folders = config.folders();
        String inbox = config.imap().folder();
        Map<String, Set<String>> mailbox = new HashMap<>();
        int unstored = 0;
        GatewayConfig.Imap imap = config.imap();
        try (Store store = Session.getInstance(MailProperties.imap(config)).getStore(imap.protocol())) {
            store.connect(imap.host(), imap.port(), imap.username(), imap.password());
            for (String name : List.of(inbox, folders.processed(), folders.quarantine(), folders.ignored())) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    continue;
                }
                folder.open(Folder.READ_ONLY);
                try {
                    for (Message message : folder.getMessages()) {
                        if (from != null && message.getReceivedDate() != null && message.getReceivedDate().toInstant().isBefore(from)) {
                            continue;
                        }
                        if (name.equals(folders.quarantine()) && message.getSize() > config.limits().messageBytes()) {
                            unstored++; // too large to keep, so quarantined without a recorded hash
                            continue;
                        }
                        mailbox.computeIfAbsent(sha256(message), k -> new HashSet<>()).add(name);
                    }
                } finally {
                    folder.close(false);
                }
            }
        }
        Reconciliation.Result result = Reconciliation.compare(mailbox, recorded, inbox);
        System.out.println("seen " + (mailbox.size() - result.waiting()) + " finished: " + result.totals() + "; waiting in " + inbox + ": "
                + result.waiting() + (unstored > 0 ? "; quarantined unstored (over the size limit): " + unstored : ""));
        if (result.clean()) {
            System.out.println("no discrepancies");
            return 0;
        }
        result.discrepancies().forEach(d -> System.out.println("DISCREPANCY " + d));
        return 1;
    }

    private static String sha256(Message message) throws IOException, MessagingException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                message.writeTo(out);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
