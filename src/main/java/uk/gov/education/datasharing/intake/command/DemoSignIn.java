package uk.gov.education.datasharing.intake.command;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * The demo's OpenID Connect provider (mock-oauth2-server, a real OIDC server): its sign-in page takes any user name and
 * gives both workspace roles, so a newcomer can try the team's and the operations views. Demo only: nothing else
 * starts it, and production signs in against Microsoft Entra ID (README).
 */
final class DemoSignIn implements AutoCloseable {

    static final String ISSUER = "demo";
    static final String CLIENT_ID = "intake-workspace-demo";
    static final String CLIENT_SECRET = "demo-only-secret";

    private final MockOAuth2Server server;

    DemoSignIn(int port) {
        DefaultOAuth2TokenCallback bothRoles = new DefaultOAuth2TokenCallback(ISSUER, "demo-user", "JWT", List.of(CLIENT_ID),
                Map.of("roles", List.of("team", "ops")), 3600);
        server = new MockOAuth2Server(new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(), Set.of(bothRoles)));
        server.start(InetAddress.getLoopbackAddress(), port);
    }

    URI issuer() {
        return server.issuerUrl(ISSUER).uri();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
