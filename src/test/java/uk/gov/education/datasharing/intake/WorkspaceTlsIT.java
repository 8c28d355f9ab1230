package uk.gov.education.datasharing.intake;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.Sealer;
import uk.gov.education.datasharing.intake.store.StateKey;
import uk.gov.education.datasharing.intake.workspace.WorkspaceServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workspace's default: HTTPS from a PKCS#12 key store (made here with the JDK's keytool), with HSTS; plain HTTP gets nothing. */
class WorkspaceTlsIT {

    @TempDir
    Path dir;

    @Test
    void theWorkspaceServesHttpsWithItsKeyStoreAndHsts() throws Exception {
        Path store = dir.resolve("workspace.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "workspace", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();
        GatewayConfig.Workspace config = new GatewayConfig.Workspace(true, "127.0.0.1", 0, null, store, "changeit", false,
                new GatewayConfig.Oidc(URI.create("https://login.example.test/tenant/v2.0"), "app", "secret", "preferred_username", "roles",
                        "team", "ops"), Duration.ofMinutes(30));
        try (Database db = new Database("jdbc:h2:mem:tls" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null, null);
             WorkspaceServer server = new WorkspaceServer(config, db, new Sealer(StateKey.fromBase64(StateKey.generate())), Clock.systemUTC(),
                     new WorkspaceServer.Gateway(GatewayHarness.MAILBOX, dir.resolve("store"), reference -> 0, (reference, id) -> java.util.Optional.empty(), () -> { }))) {
            server.start();
            assertThat(server.address().getScheme()).isEqualTo("https");
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                trusted.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(server.address().resolve("/sign-in")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Sign in to the data sharing workspace");
            assertThat(page.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
            URI plain = URI.create("http://127.0.0.1:" + server.port() + "/sign-in");
            assertThatThrownBy(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
