package uk.gov.education.datasharing.intake.mailbox;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientCertificateTest {

    @TempDir
    Path dir;

    private final Instant now = Instant.now();

    @Test
    void readsTheCertificateAndItsKeyInEitherKeyFormat() {
        AppCertificates.Made made = AppCertificates.make(now.minus(Duration.ofDays(1)), Duration.ofDays(365));
        for (boolean pkcs1 : new boolean[] {false, true}) {
            Path pem = AppCertificates.write(dir, "app-" + pkcs1 + ".pem", AppCertificates.pem(made.certificate(), made.keys(), pkcs1));
            ClientCertificate loaded = ClientCertificate.load(pem, now);
            assertThat(loaded.certificate()).isEqualTo(made.certificate());
            assertThat(loaded.key().getEncoded()).isEqualTo(made.keys().getPrivate().getEncoded());
            assertThat(loaded.toString()).as("the subject, never the key").isEqualTo("ClientCertificate[CN=intake-gateway]");
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        AppCertificates.Made one = AppCertificates.make(now.minus(Duration.ofDays(1)), Duration.ofDays(365));
        AppCertificates.Made other = AppCertificates.make(now.minus(Duration.ofDays(1)), Duration.ofDays(365));
        Path pem = AppCertificates.write(dir, "mixed.pem", AppCertificates.pem(one.certificate(), other.keys(), false));
        assertThatThrownBy(() -> ClientCertificate.load(pem, now)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the RSA key of its certificate");
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefusedWithItsDate() {
        AppCertificates.Made expired = AppCertificates.make(now.minus(Duration.ofDays(400)), Duration.ofDays(365));
        Path old = AppCertificates.write(dir, "old.pem", AppCertificates.pem(expired.certificate(), expired.keys(), false));
        assertThatThrownBy(() -> ClientCertificate.load(old, now)).hasMessageContaining("expired on");
        AppCertificates.Made future = AppCertificates.make(now.plus(Duration.ofDays(2)), Duration.ofDays(365));
        Path later = AppCertificates.write(dir, "later.pem", AppCertificates.pem(future.certificate(), future.keys(), false));
        assertThatThrownBy(() -> ClientCertificate.load(later, now)).hasMessageContaining("not valid before");
    }

    @Test
    void aFileWithoutACertificateOrAKeyOrThatIsNotPemSaysWhatIsMissingWithoutQuotingIt() {
        AppCertificates.Made made = AppCertificates.make(now.minus(Duration.ofDays(1)), Duration.ofDays(365));
        String certificateOnly = AppCertificates.certificatePem(made.certificate());
        String keyOnly = AppCertificates.keyPem(made.keys(), false);
        assertThatThrownBy(() -> ClientCertificate.load(AppCertificates.write(dir, "c.pem", certificateOnly), now)).hasMessageContaining("no unencrypted PRIVATE KEY");
        assertThatThrownBy(() -> ClientCertificate.load(AppCertificates.write(dir, "k.pem", keyOnly), now)).hasMessageContaining("no CERTIFICATE");
        String secret = "client-secret-value-123";
        String notACertificate = AppCertificates.block("CERTIFICATE", secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String encoded = java.util.Base64.getEncoder().encodeToString(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ClientCertificate.load(AppCertificates.write(dir, "s.pem", notACertificate), now))
                .hasMessageContaining("not a PEM certificate").message().doesNotContain(secret).doesNotContain(encoded);
        assertThatThrownBy(() -> ClientCertificate.load(dir.resolve("missing.pem"), now)).hasMessageContaining("cannot be read");
    }
}
