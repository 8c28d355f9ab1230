package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.store.Outbox;

import static org.awaitility.Awaitility.await;

/**
 * A real mail server (GreenMail, IMAP and SMTP on free local ports), a data folder, and a gateway
 * configured against them. Each test gets fresh ones.
 */
public class GatewayHarness implements AutoCloseable {

    public static final String MAILBOX = "data.sharing@education.test";
    public static final String APPLICANT = "applicant@university.test";
    static final String PASSWORD = "mailbox-secret";

    public final GreenMail mail;
    public final GreenMailUser mailbox;
    public final Path dir;
    private final Properties overrides = new Properties();
    private Gateway gateway;
    private GreenMail smtpServer;

    public GatewayHarness(Path dir, String dbUrl, String dbSchema) throws IOException {
        this.dir = dir;
        ServerSetup imap = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        mail = new GreenMail(new ServerSetup[] {imap, smtp});
        mail.start();
        mailbox = mail.setUser(MAILBOX, MAILBOX, PASSWORD);
        mail.setUser(APPLICANT, APPLICANT, "applicant");
        Path keyFile = TestKeys.writePublicKey(Files.createDirectories(dir.resolve("keys")));
        overrides.setProperty("intake.imap.host", "127.0.0.1");
        overrides.setProperty("intake.state.key", uk.gov.education.datasharing.intake.store.StateKey.generate());
        overrides.setProperty("intake.imap.port", String.valueOf(mail.getImap().getPort()));
        overrides.setProperty("intake.management.port", "0");
        overrides.setProperty("intake.imap.protocol", "imap");
        overrides.setProperty("intake.imap.allow-plaintext", "true");
        overrides.setProperty("intake.imap.username", MAILBOX);
        overrides.setProperty("intake.imap.password", PASSWORD);
        overrides.setProperty("intake.imap.poll-delay-ms", "250");
        // one mailbox consumer: GreenMail does not tell a session of messages another session expunged, so two sessions
        // on its INBOX disagree on message numbers; two consumers are tested on Dovecot (MailboxConsumersIT, XOAuth2IT)
        overrides.setProperty("intake.imap.consumers", "1");
        overrides.setProperty("intake.smtp.host", "127.0.0.1");
        overrides.setProperty("intake.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        overrides.setProperty("intake.smtp.protocol", "smtp");
        overrides.setProperty("intake.smtp.allow-plaintext", "true");
        overrides.setProperty("intake.mailbox.address", MAILBOX);
        overrides.setProperty("intake.store.dir", dir.resolve("store").toString());
        overrides.setProperty("intake.db.url", dbUrl == null ? "jdbc:h2:file:" + dir.resolve("db/intake").toAbsolutePath() : dbUrl);
        if (dbUrl != null) {
            overrides.setProperty("intake.db.username", "postgres");
        }
        if (dbSchema != null) {
            overrides.setProperty("intake.db.schema", dbSchema);
        }
        overrides.setProperty("intake.crypto.recipients", keyFile.toString());
        // GreenMail stamps no Authentication-Results: its senders count as authenticated unless a test says otherwise
        overrides.setProperty("intake.auth.without-header", "authenticated");
        overrides.setProperty("intake.outbox.poll-interval-ms", "200");
        overrides.setProperty("intake.outbox.retry-initial-seconds", "1");
        overrides.setProperty("intake.outbox.retry-max-seconds", "2");
    }

    public GatewayHarness set(String key, String value) {
        overrides.setProperty(key, value);
        return this;
    }

    public Settings settings() {
        return Settings.load(null, null, Map.of(), overrides);
    }

    public Gateway start() throws Exception {
        gateway = Gateway.create(settings());
        gateway.start();
        return gateway;
    }

    public void stopGateway() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    /** Puts a raw message into the mailbox's INBOX, as the mail server would on delivery. */
    public void deliver(String raw) {
        mailbox.deliver(Mails.parse(raw));
    }

    /*
     * Folders are read from GreenMail's store directly, not over a second IMAP session: GreenMail 2.1.8 can
     * fail a session's COPY ("Need to do this properly...") when another session has expunged meanwhile,
     * which is what the gateway's move does while a test polls.
     */
    public int count(String folder) throws MessagingException {
        var found = mail.getManagers().getImapHostManager().getFolder(mailbox, folder);
        if (found == null) {
            return 0;
        }
        return (int) found.getMessages().stream().filter(m -> !m.getFlags().contains(jakarta.mail.Flags.Flag.DELETED)).count();
    }

    public boolean folderExists(String folder) throws MessagingException {
        return mail.getManagers().getImapHostManager().getFolder(mailbox, folder) != null;
    }

    public List<String> folders() throws MessagingException {
        List<String> names = new ArrayList<>();
        try {
            for (var f : mail.getManagers().getImapHostManager().listMailboxes(mailbox, "*")) {
                names.add(f.getFullName());
            }
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new MessagingException("cannot list folders", e);
        }
        return names;
    }

    /** Replies the gateway sent to {@code address}. */
    public List<MimeMessage> repliesTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients() != null && m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Every reply the gateway has sent, to anyone (GreenMail also counts the mailbox's own messages). */
    public List<MimeMessage> allReplies() {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getFrom() != null && m.getFrom()[0].toString().contains(MAILBOX)
                        && m.getHeader("Auto-Submitted") != null;
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    public void awaitFolder(String folder, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> count(folder) >= count);
    }

    public void awaitReplies(String address, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> repliesTo(address).size() >= count);
    }

    /**
     * Waits for the positive signal that the gateway has nothing left to do: INBOX is empty and no reply is
     * waiting in the outbox. After it, no further message can be processed nor reply sent, so a test can
     * assert that something did not happen (a second reply) without sleeping.
     */
    public void awaitIdle() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> count("INBOX") == 0
                && gateway.database().inTransaction(c -> new Outbox(gateway.sealer()).count(c, Outbox.State.PENDING)) == 0);
    }

    /** Opens what the case index keeps sealed, with this harness's state key (also once the gateway has stopped). */
    public uk.gov.education.datasharing.intake.store.Sealer sealer() {
        return new uk.gov.education.datasharing.intake.store.Sealer(Gateway.requiredStateKey(settings()));
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        stopGateway();
        mail.stop();
    }
}
