package uk.gov.education.datasharing.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.mailbox.AppCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/** A certificate credential close to its expiry is reported at start-up, as team keys are. */
class MailCredentialsTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger mailbox = (Logger) LoggerFactory.getLogger("mailbox");

    @BeforeEach
    void listen() {
        logged.start();
        mailbox.addAppender(logged);
    }

    @AfterEach
    void stop() {
        mailbox.detachAppender(logged);
    }

    private GatewayConfig withCertificateValidFor(Duration left) throws Exception {
        var app = AppCertificates.make(Instant.now().minus(Duration.ofDays(300)), Duration.ofDays(300).plus(left));
        Path pem = AppCertificates.write(dir, "app-" + left.toDays() + ".pem", AppCertificates.pem(app.certificate(), app.keys(), false));
        Properties p = new Properties();
        p.setProperty("intake.imap.host", "imap.example.test");
        p.setProperty("intake.imap.username", "box");
        p.setProperty("intake.smtp.host", "smtp.example.test");
        p.setProperty("intake.mailbox.address", "data.sharing@example.test");
        p.setProperty("intake.crypto.recipients", Files.writeString(dir.resolve("k.asc"), "x").toString());
        p.setProperty("intake.mail.auth", "oauth2");
        p.setProperty("intake.oauth.tenant", "contoso.onmicrosoft.com");
        p.setProperty("intake.oauth.client-id", "app-id");
        p.setProperty("intake.oauth.client-certificate", pem.toString());
        return GatewayConfig.from(Settings.load(null, null, Map.of(), p));
    }

    @Test
    void aCertificateExpiringWithinThirtyDaysIsReportedWithTheSettingToChange() throws Exception {
        MailCredentials.of(withCertificateValidFor(Duration.ofDays(10)), Clock.systemUTC());
        assertThat(logged.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .startsWith("MAIL_CERTIFICATE_EXPIRING").contains("intake.oauth.client-certificate").doesNotContain("BEGIN"));
    }

    @Test
    void aCertificateWithMonthsLeftIsNotReported() throws Exception {
        MailCredentials.of(withCertificateValidFor(Duration.ofDays(90)), Clock.systemUTC());
        assertThat(logged.list).isEmpty();
    }
}
