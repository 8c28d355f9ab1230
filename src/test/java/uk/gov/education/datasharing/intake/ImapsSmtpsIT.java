package uk.gov.education.datasharing.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.config.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS. The production path: IMAPS and SMTPS (TLS from the first byte). GreenMail's certificate is self-signed,
 * so the test trusts it explicitly; production keeps certificate checks on.
 */
class ImapsSmtpsIT {

    @TempDir
    Path dir;

    @Test
    void shouldPollOverImapsAndReplyOverSmtps() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)});
        mail.start();
        Gateway gateway = null;
        try {
            var mailbox = mail.setUser(GatewayHarness.MAILBOX, GatewayHarness.MAILBOX, GatewayHarness.PASSWORD);
            mailbox.deliver(Mails.parse(IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Application")));
            java.util.Properties p = new java.util.Properties();
            p.setProperty("intake.imap.host", "127.0.0.1");
            p.setProperty("intake.imap.port", String.valueOf(mail.getImaps().getPort()));
            p.setProperty("intake.imap.protocol", "imaps");
            p.setProperty("intake.imap.trust-all-certificates", "true");
            p.setProperty("intake.imap.username", GatewayHarness.MAILBOX);
            p.setProperty("intake.imap.password", GatewayHarness.PASSWORD);
            p.setProperty("intake.imap.poll-delay-ms", "250");
            p.setProperty("intake.smtp.host", "127.0.0.1");
            p.setProperty("intake.smtp.port", String.valueOf(mail.getSmtps().getPort()));
            p.setProperty("intake.smtp.protocol", "smtps");
            p.setProperty("intake.smtp.trust-all-certificates", "true");
            p.setProperty("intake.mailbox.address", GatewayHarness.MAILBOX);
            p.setProperty("intake.store.dir", dir.resolve("store").toString());
            p.setProperty("intake.db.url", "jdbc:h2:file:" + dir.resolve("db/intake").toAbsolutePath());
            p.setProperty("intake.crypto.recipients", TestKeys.writePublicKey(Files.createDirectories(dir.resolve("keys"))).toString());
            p.setProperty("intake.outbox.poll-interval-ms", "200");
            p.setProperty("intake.state.key", uk.gov.education.datasharing.intake.store.StateKey.generate());
            p.setProperty("intake.auth.without-header", "authenticated");
            gateway = Gateway.create(Settings.load(null, null, java.util.Map.of(), p));
            gateway.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessagesForDomain("university.test").length == 1);
            assertThat(mail.getReceivedMessagesForDomain("university.test")[0].getSubject()).startsWith("Application received: reference DSI-");
        } finally {
            if (gateway != null) {
                gateway.close();
            }
            mail.stop();
        }
    }

    @Test
    void shouldNotLogInWithoutTlsUnlessPlaintextIsAllowed() throws Exception {
        try (GatewayHarness harness = new GatewayHarness(dir, null, null)) {
            harness.deliver(IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Application"));
            // GreenMail's plain IMAP offers no STARTTLS: with protocol imap and plaintext not allowed, no login happens.
            harness.set("intake.imap.allow-plaintext", "false").start();
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(harness.count("INBOX")).isEqualTo(1);
            assertThat(harness.count("Processed")).isZero();
            assertThat(Files.readString(Path.of("target/test-logs/gateway.log")))
                    .contains("STARTTLS required but not supported by server").doesNotContain(GatewayHarness.PASSWORD);
        }
    }
}
