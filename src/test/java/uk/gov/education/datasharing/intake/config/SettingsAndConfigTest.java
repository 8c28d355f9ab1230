package uk.gov.education.datasharing.intake.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.Settings.ConfigException;
import uk.gov.education.datasharing.intake.reply.SmtpTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsAndConfigTest {

    @TempDir
    Path dir;

    private Properties complete() throws Exception {
        Properties p = new Properties();
        p.setProperty("intake.imap.host", "imap.example.test");
        p.setProperty("intake.imap.username", "box");
        p.setProperty("intake.imap.password", "s3cret-imap");
        p.setProperty("intake.smtp.host", "smtp.example.test");
        p.setProperty("intake.mailbox.address", "data.sharing@example.test");
        p.setProperty("intake.crypto.recipients", Files.writeString(dir.resolve("k.asc"), "x").toString());
        return p;
    }

    /** As in production: the settings in a --config file, the environment over them. */
    private GatewayConfig config(Properties p, Map<String, String> env) throws Exception {
        Path file = dir.resolve("gateway.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, null);
        }
        return GatewayConfig.from(Settings.load(null, file, env, null));
    }

    @Test
    void shouldUseSecureDefaults() throws Exception {
        GatewayConfig config = config(complete(), Map.of());
        assertThat(config.imap().protocol()).isEqualTo("imaps");
        assertThat(config.imap().port()).isEqualTo(993);
        assertThat(config.smtp().security()).isEqualTo(SmtpTransport.Security.SMTPS);
        assertThat(config.folders().quarantine()).isEqualTo("Quarantine");
    }

    @Test
    void shouldLetEnvironmentVariablesWin() throws Exception {
        GatewayConfig config = config(complete(), Map.of("INTAKE_IMAP_HOST", "from-env.test", "INTAKE_LIMITS_MAX_ATTEMPTS", "7",
                "INTAKE_DB_PASSWORD", "pw"));
        assertThat(config.imap().host()).isEqualTo("from-env.test");
        assertThat(config.limits().maxAttempts()).isEqualTo(7);
        assertThat(config.db().password()).isEqualTo("pw");
    }

    @Test
    void shouldSetOneKeyPerEnvironmentVariable() throws Exception {
        Settings settings = Settings.load(null, null, Map.of("INTAKE_LIMITS_MAX_ATTEMPTS", "7", "INTAKE_DB_SCHEMA", "intake"), null);
        assertThat(settings.get("intake.limits.max-attempts")).isEqualTo("7");
        assertThat(settings.get("intake.db.schema")).isEqualTo("intake");
        assertThat(settings.asProperties().stringPropertyNames()).doesNotContain("intake.limits.max.attempts");
    }

    @Test
    void mailboxConsumersDefaultToTwoAndAreBounded() throws Exception {
        Path file = dir.resolve("consumers.properties");
        try (var out = Files.newBufferedWriter(file)) {
            complete().store(out, null);
        }
        assertThat(GatewayConfig.polling(Settings.load(null, file, Map.of(), null)).consumers()).isEqualTo(2);
        assertThat(GatewayConfig.polling(Settings.load(null, file, Map.of("INTAKE_IMAP_CONSUMERS", "1"), null)).consumers()).isEqualTo(1);
        for (String wrong : new String[] {"0", "9", "two"}) {
            assertThatThrownBy(() -> GatewayConfig.polling(Settings.load(null, file, Map.of("INTAKE_IMAP_CONSUMERS", wrong), null)))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("intake.imap.consumers:");
        }
    }

    @Test
    void aKeyWithDashesThatNoLayerDefinesIsSetByItsEnvironmentVariable() throws Exception {
        Settings fromEnvironment = Settings.load(null, null, Map.of("INTAKE_WORKSPACE_OIDC_CLIENT_SECRET", "from-env"), null);
        assertThat(fromEnvironment.get("intake.workspace.oidc.client-secret")).isEqualTo("from-env");
        Path file = dir.resolve("dashed.properties");
        Files.writeString(file, "intake.oauth.client-secret=from-file\n");
        assertThat(Settings.load(null, file, Map.of(), null).get("intake.oauth.client-secret")).isEqualTo("from-file");
        assertThat(Settings.load(null, file, Map.of("INTAKE_OAUTH_CLIENT_SECRET", "from-env"), null).get("intake.oauth.client-secret"))
                .as("the environment wins over the file").isEqualTo("from-env");
    }

    @Test
    void theMailboxAppGivesASecretOrACertificateNotBothNorNeither() throws Exception {
        Properties p = complete();
        p.setProperty("intake.mail.auth", "oauth2");
        p.setProperty("intake.oauth.tenant", "contoso.onmicrosoft.com");
        p.setProperty("intake.oauth.client-id", "app-id");
        assertThatThrownBy(() -> config(p, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("intake.oauth.client-secret:").hasMessageContaining("intake.oauth.client-certificate");

        assertThat(config(p, Map.of("INTAKE_OAUTH_CLIENT_SECRET", "s3cret")).oauth().clientSecret()).isEqualTo("s3cret");

        var app = uk.gov.education.datasharing.intake.mailbox.AppCertificates.make(java.time.Instant.now().minusSeconds(60),
                java.time.Duration.ofDays(90));
        Path pem = uk.gov.education.datasharing.intake.mailbox.AppCertificates.write(dir, "app.pem",
                uk.gov.education.datasharing.intake.mailbox.AppCertificates.pem(app.certificate(), app.keys(), false));
        GatewayConfig withCertificate = config(p, Map.of("INTAKE_OAUTH_CLIENT_CERTIFICATE", pem.toString()));
        assertThat(withCertificate.oauth().clientSecret()).isNull();
        assertThat(withCertificate.oauth().certificate().certificate()).isEqualTo(app.certificate());
        assertThat(withCertificate.oauth().tokenUrl().toString()).isEqualTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");

        assertThatThrownBy(() -> config(p, Map.of("INTAKE_OAUTH_CLIENT_CERTIFICATE", pem.toString(), "INTAKE_OAUTH_CLIENT_SECRET", "s3cret")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("intake.oauth.client-certificate:").hasMessageContaining("not both");
        assertThatThrownBy(() -> config(p, Map.of("INTAKE_OAUTH_CLIENT_CERTIFICATE", dir.resolve("none.pem").toString())))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("intake.oauth.client-certificate:").hasMessageContaining("cannot be read");
    }

    @Test
    void shouldNameTheMissingKey() throws Exception {
        Properties p = complete();
        p.remove("intake.imap.password");
        assertThatThrownBy(() -> config(p, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("intake.imap.password: missing").hasMessageContaining("INTAKE_IMAP_PASSWORD");
    }

    @Test
    void shouldRequireStartTlsForImapUnlessPlaintextIsAllowed() throws Exception {
        Properties p = complete();
        p.setProperty("intake.imap.protocol", "imap");
        GatewayConfig startTls = config(p, Map.of());
        assertThat(startTls.imap().plaintext()).isFalse();
        assertThat(MailProperties.imap(startTls)).containsEntry("mail.imap.starttls.required", "true");
        p.setProperty("intake.imap.allow-plaintext", "true");
        GatewayConfig plain = config(p, Map.of());
        assertThat(plain.imap().plaintext()).isTrue();
        assertThat(MailProperties.imap(plain)).doesNotContainKey("mail.imap.starttls.required");
        p.setProperty("intake.imap.protocol", "pop3");
        assertThatThrownBy(() -> config(p, Map.of())).isInstanceOf(ConfigException.class).hasMessageStartingWith("intake.imap.protocol:");
    }

    @Test
    void shouldRequireStartTlsForSmtpUnlessPlaintextIsAllowed() throws Exception {
        Properties p = complete();
        p.setProperty("intake.smtp.protocol", "smtp");
        assertThat(config(p, Map.of()).smtp().security()).isEqualTo(SmtpTransport.Security.STARTTLS);
        p.setProperty("intake.smtp.allow-plaintext", "true");
        assertThat(config(p, Map.of()).smtp().security()).isEqualTo(SmtpTransport.Security.PLAIN);
    }

    @Test
    void shouldNameBadValues() throws Exception {
        Properties p = complete();
        p.setProperty("intake.imap.port", "99999");
        assertThatThrownBy(() -> config(p, Map.of())).hasMessageStartingWith("intake.imap.port:");
        p.setProperty("intake.imap.port", "993");
        p.setProperty("intake.limits.max-attempts", "-1");
        assertThatThrownBy(() -> config(p, Map.of())).hasMessageStartingWith("intake.limits.max-attempts:");
        p.setProperty("intake.limits.max-attempts", "3");
        p.setProperty("intake.crypto.recipients", dir.resolve("nope.asc").toString());
        assertThatThrownBy(() -> config(p, Map.of())).hasMessageStartingWith("intake.crypto.recipients:").hasMessageContaining("nope.asc");
        p.setProperty("intake.crypto.recipients", dir.resolve("k.asc").toString());
        p.setProperty("intake.imap.allow-plaintext", "yes");
        assertThatThrownBy(() -> config(p, Map.of())).hasMessageStartingWith("intake.imap.allow-plaintext:");
        p.setProperty("intake.imap.allow-plaintext", "false");
        p.setProperty("intake.scanner", "sophos");
        assertThatThrownBy(() -> config(p, Map.of())).hasMessageStartingWith("intake.scanner:").hasMessageContaining("none, clamd");
        p.setProperty("intake.scanner", "clamd");
        p.setProperty("intake.scanner.clamd.port", "70000");
        assertThatThrownBy(() -> config(p, Map.of())).hasMessageStartingWith("intake.scanner.clamd.port:");
        p.setProperty("intake.scanner.clamd.port", "3310");
        p.setProperty("intake.scanner.clamd.timeout-seconds", "0");
        assertThatThrownBy(() -> config(p, Map.of())).hasMessageStartingWith("intake.scanner.clamd.timeout-seconds:");
        p.setProperty("intake.scanner", "none");
        p.setProperty("intake.limits.document-inflated-bytes", "0");
        assertThatThrownBy(() -> config(p, Map.of())).hasMessageStartingWith("intake.limits.document-inflated-bytes:");
    }

    @Test
    void shouldNeverShowPasswordsInDescriptions() throws Exception {
        Properties p = complete();
        p.setProperty("intake.db.url", "jdbc:postgresql://db/x?password=hunter2");
        GatewayConfig config = config(p, Map.of());
        assertThat(config.toString()).doesNotContain("s3cret-imap", "hunter2");
    }

    private GatewayConfig.Workspace workspace(Properties p) throws Exception {
        Path file = dir.resolve("gateway.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, null);
        }
        return GatewayConfig.workspace(Settings.load(null, file, Map.of(), null));
    }

    @Test
    void theWorkspaceIsOffByDefaultAndServesTlsUnlessPlaintextIsAllowed() throws Exception {
        Properties p = complete();
        assertThat(workspace(p).enabled()).isFalse();
        p.setProperty("intake.workspace.enabled", "true");
        p.setProperty("intake.workspace.oidc.issuer", "https://login.microsoftonline.com/tenant/v2.0");
        p.setProperty("intake.workspace.oidc.client-id", "app");
        p.setProperty("intake.workspace.oidc.client-secret", "very-secret-value");
        assertThatThrownBy(() -> workspace(p)).hasMessageStartingWith("intake.workspace.tls.key-store:");
        p.setProperty("intake.workspace.tls.key-store", dir.resolve("missing.p12").toString());
        assertThatThrownBy(() -> workspace(p)).hasMessageStartingWith("intake.workspace.tls.key-store:").hasMessageContaining("missing.p12");
        p.remove("intake.workspace.tls.key-store");
        p.setProperty("intake.workspace.allow-plaintext", "true");
        GatewayConfig.Workspace ws = workspace(p);
        assertThat(ws.enabled()).isTrue();
        assertThat(ws.port()).isEqualTo(8443);
        assertThat(ws.idle()).hasMinutes(30);
        assertThat(ws.oidc().rolesClaim()).isEqualTo("roles");
        assertThat(ws.toString() + ws.oidc()).doesNotContain("very-secret-value");
        p.setProperty("intake.workspace.oidc.issuer", "ftp://login.example/");
        assertThatThrownBy(() -> workspace(p)).hasMessageStartingWith("intake.workspace.oidc.issuer:");
        p.remove("intake.workspace.oidc.issuer");
        assertThatThrownBy(() -> workspace(p)).hasMessageStartingWith("intake.workspace.oidc.issuer:").hasMessageContaining("missing");
    }
}
