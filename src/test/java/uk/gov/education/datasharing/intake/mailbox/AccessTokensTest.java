package uk.gov.education.datasharing.intake.mailbox;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mailbox's token cache against a real token endpoint (mock-oauth2-server), on a clock the test moves. */
class AccessTokensTest {

    private final MovableClock clock = new MovableClock(Instant.now());
    private MockOAuth2Server server;

    @BeforeEach
    void start() {
        server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(),
                Set.of(new DefaultOAuth2TokenCallback("entra", "mailbox", "JWT", List.of("imap"), Map.of(), 3600))));
        server.start();
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    private AccessTokens tokens(String path) {
        return new AccessTokens(URI.create(server.issuerUrl("entra") + path), "intake-gateway", "secret", "https://outlook.office365.com/.default", clock);
    }

    /** Token requests the endpoint received since last asked (the mock throws when none is left). */
    private int tokenRequests() {
        int n = 0;
        while (true) {
            try {
                var r = server.takeRequest(200, TimeUnit.MILLISECONDS);
                n += r.getPath() != null && r.getPath().endsWith("/token") ? 1 : 0;
            } catch (RuntimeException none) {
                return n;
            }
        }
    }

    @Test
    void aTokenIsKeptUntilAFifthOfItsLifeIsLeftThenReplaced() throws Exception {
        AccessTokens tokens = tokens("/token");
        String first = tokens.current();
        clock.advance(Duration.ofMinutes(54));
        assertThat(tokens.current()).isEqualTo(first);
        assertThat(tokenRequests()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        String second = tokens.current();
        assertThat(second).isNotEqualTo(first);
        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(tokens.problem()).isEmpty();
    }

    @Test
    void aFailedRequestIsNotRepeatedUntilItsBackOffAndItsReasonNamesTheSettings() throws Exception {
        AccessTokens tokens = tokens("/no-such-endpoint");
        assertThatThrownBy(tokens::current).isInstanceOf(AccessTokens.TokenUnavailableException.class).hasMessageContaining("intake.oauth");
        assertThatThrownBy(tokens::current).isInstanceOf(AccessTokens.TokenUnavailableException.class);
        assertThat(tokens.failures()).isEqualTo(1);
        assertThat(tokens.problem()).isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(tokens::current).isInstanceOf(AccessTokens.TokenUnavailableException.class);
        assertThat(tokens.failures()).isEqualTo(2);
    }

    @Test
    void withACertificateEachRequestCarriesANewAssertionSignedByItsKeyAndNoSecret() throws Exception {
        AppCertificates.Made app = AppCertificates.make(clock.instant().minus(Duration.ofDays(1)), Duration.ofDays(365));
        ClientCertificate certificate = new ClientCertificate(app.certificate(), app.keys().getPrivate());
        URI tokenUrl = URI.create(server.issuerUrl("entra") + "/token");
        AccessTokens tokens = new AccessTokens(tokenUrl, "intake-gateway", certificate, "https://outlook.office365.com/.default", clock);

        assertThat(tokens.current()).isNotBlank();
        Map<String, String> first = tokenRequestForm();
        clock.advance(Duration.ofMinutes(57));
        assertThat(tokens.current()).isNotBlank();
        Map<String, String> second = tokenRequestForm();

        for (Map<String, String> form : List.of(first, second)) {
            assertThat(form).containsEntry("grant_type", "client_credentials").doesNotContainKey("client_secret")
                    .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
            assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) app.certificate().getPublicKey()))).isTrue();
            assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
            assertThat(assertion.getHeader().getX509CertSHA256Thumbprint())
                    .isEqualTo(Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(app.certificate().getEncoded())));
            JWTClaimsSet claims = assertion.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo("intake-gateway");
            assertThat(claims.getSubject()).isEqualTo("intake-gateway");
            assertThat(claims.getAudience()).containsExactly(tokenUrl.toString());
            assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())).isEqualTo(Duration.ofMinutes(5));
        }
        SignedJWT one = SignedJWT.parse(first.get("client_assertion"));
        SignedJWT two = SignedJWT.parse(second.get("client_assertion"));
        assertThat(two.getJWTClaimsSet().getJWTID()).isNotEqualTo(one.getJWTClaimsSet().getJWTID());
        assertThat(two.getJWTClaimsSet().getIssueTime()).isAfter(one.getJWTClaimsSet().getIssueTime());
        // signed by another key, the same assertion does not verify: the check above can fail
        AppCertificates.Made other = AppCertificates.make(clock.instant(), Duration.ofDays(1));
        assertThat(one.verify(new RSASSAVerifier((RSAPublicKey) other.certificate().getPublicKey()))).isFalse();
    }

    /** The form of the next token request the endpoint received. */
    private Map<String, String> tokenRequestForm() {
        while (true) {
            var r = server.takeRequest(2, TimeUnit.SECONDS);
            if (r.getPath() != null && r.getPath().endsWith("/token")) {
                Map<String, String> form = new java.util.HashMap<>();
                for (String pair : r.getBody().readUtf8().split("&")) {
                    int eq = pair.indexOf('=');
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                return form;
            }
        }
    }

    @Test
    void whileTheEndpointIsDownAStillValidTokenIsUsed() throws Exception {
        AccessTokens tokens = tokens("/token");
        String token = tokens.current();
        server.shutdown();
        clock.advance(Duration.ofMinutes(57));
        assertThat(tokens.current()).isEqualTo(token);
        assertThat(tokens.failures()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(tokens::current).isInstanceOf(AccessTokens.TokenUnavailableException.class);
        server = new MockOAuth2Server();
        server.start();
    }
}
