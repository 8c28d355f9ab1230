package uk.gov.education.datasharing.intake.mailbox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
