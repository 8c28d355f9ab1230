package uk.gov.education.datasharing.intake.mailbox;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens for the mailbox (XOAUTH2), from an OAuth 2.0 token endpoint with the client-credentials grant (Microsoft
 * Entra ID's v2.0 endpoint, or any other; docs/adr/0020). The gateway proves it is the app with a client secret, or with a
 * client assertion signed by its certificate's key (a JWT, PS256, naming the certificate by its SHA-256 and SHA-1
 * thumbprints, for the token endpoint only and valid five minutes; a new one for each request). A token is kept until a fifth of its life (at most five minutes)
 * is left, then replaced. A failed request is not repeated for a back-off that doubles from one second to five minutes:
 * logins in the meantime fail at once with the same reason, which names the settings to check. Tokens never reach a log.
 */
public final class AccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger("mailbox");
    private static final Duration MOST_MARGIN = Duration.ofMinutes(5);
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

    /** No token could be had; the message says why and which settings to check, never a secret. */
    public static final class TokenUnavailableException extends Exception {
        public TokenUnavailableException(String message) {
            super(message);
        }
    }

    private static final Duration ASSERTION_LIFE = Duration.ofMinutes(5);

    private final URI tokenUrl;
    private final ClientID clientId;
    private final Secret secret;
    private final ClientCertificate certificate;
    /** The setting that holds the credential, for messages: intake.oauth.client-secret or intake.oauth.client-certificate. */
    private final String credentialSetting;
    private final Scope scope;
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();
    private String token;
    private Instant renewAt = Instant.MIN;
    private Instant expiresAt = Instant.MIN;
    private Instant retryAt = Instant.MIN;
    private Duration backoff = Duration.ofSeconds(1);
    private String problem;

    public AccessTokens(URI tokenUrl, String clientId, String clientSecret, String scope, Clock clock) {
        this(tokenUrl, clientId, new Secret(clientSecret), null, scope, clock);
    }

    /** With a certificate credential instead of a secret. */
    public AccessTokens(URI tokenUrl, String clientId, ClientCertificate certificate, String scope, Clock clock) {
        this(tokenUrl, clientId, null, certificate, scope, clock);
    }

    private AccessTokens(URI tokenUrl, String clientId, Secret secret, ClientCertificate certificate, String scope, Clock clock) {
        this.tokenUrl = tokenUrl;
        this.clientId = new ClientID(clientId);
        this.secret = secret;
        this.certificate = certificate;
        this.credentialSetting = certificate != null ? "intake.oauth.client-certificate" : "intake.oauth.client-secret";
        this.scope = Scope.parse(scope);
        this.clock = clock;
    }

    /** A token valid for a while yet: the one held, or a new one. */
    public synchronized String current() throws TokenUnavailableException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(renewAt)) {
            return token;
        }
        if (now.isBefore(retryAt)) {
            throw new TokenUnavailableException(problem);
        }
        try {
            fetch(now);
            return token;
        } catch (TokenUnavailableException e) {
            failures.incrementAndGet();
            problem = e.getMessage();
            retryAt = now.plus(backoff);
            LOG.warn("MAIL_TOKEN_UNAVAILABLE: {}; next try in {} s", problem, backoff.toSeconds());
            backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : backoff.multipliedBy(2);
            if (token != null && now.isBefore(expiresAt)) {
                return token; // still valid for a little while: use it while the endpoint recovers
            }
            token = null;
            throw e;
        }
    }

    private void fetch(Instant now) throws TokenUnavailableException {
        HTTPRequest http = new TokenRequest(tokenUrl, authentication(now), new ClientCredentialsGrant(), scope).toHTTPRequest();
        http.setConnectTimeout(10_000);
        http.setReadTimeout(20_000);
        TokenResponse response;
        try {
            response = TokenResponse.parse(http.send());
        } catch (IOException e) {
            throw new TokenUnavailableException("the token endpoint (intake.oauth.token-url or intake.oauth.tenant) cannot be reached ("
                    + e.getClass().getSimpleName() + ")");
        } catch (ParseException e) {
            throw new TokenUnavailableException("the token endpoint's answer is not an OAuth 2.0 token response (check intake.oauth.token-url)");
        }
        if (!response.indicatesSuccess()) {
            String code = response.toErrorResponse().getErrorObject().getCode();
            throw new TokenUnavailableException("the token endpoint refused: " + code
                    + " (check intake.oauth.client-id, " + credentialSetting + " and intake.oauth.scope)");
        }
        AccessTokenResponse ok = response.toSuccessResponse();
        long lifetime = ok.getTokens().getAccessToken().getLifetime();
        Duration life = Duration.ofSeconds(lifetime > 0 ? lifetime : 3600);
        Duration margin = life.dividedBy(5).compareTo(MOST_MARGIN) > 0 ? MOST_MARGIN : life.dividedBy(5);
        token = ok.getTokens().getAccessToken().getValue();
        expiresAt = now.plus(life);
        renewAt = expiresAt.minus(margin);
        retryAt = Instant.MIN;
        backoff = Duration.ofSeconds(1);
        problem = null;
    }

    /** How this request proves it comes from the app: the secret, or a new assertion signed with the certificate's key. */
    private ClientAuthentication authentication(Instant now) throws TokenUnavailableException {
        if (certificate == null) {
            return new ClientSecretPost(clientId, secret);
        }
        JWSHeader header = thumbprints(new JWSHeader.Builder(JWSAlgorithm.PS256).type(JOSEObjectType.JWT)).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId.getValue()).subject(clientId.getValue())
                .audience(tokenUrl.toString()).jwtID(new JWTID().getValue()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ASSERTION_LIFE))).build();
        SignedJWT assertion = new SignedJWT(header, claims);
        try {
            assertion.sign(new RSASSASigner(certificate.key()));
        } catch (JOSEException e) {
            throw new TokenUnavailableException("the client assertion could not be signed with the key in intake.oauth.client-certificate ("
                    + e.getClass().getSimpleName() + ")");
        }
        return new PrivateKeyJWT(assertion);
    }

    /** Both thumbprints: Entra ID's current documentation names the SHA-256 one, its earlier the SHA-1 one (x5t). */
    @SuppressWarnings("deprecation")
    private JWSHeader.Builder thumbprints(JWSHeader.Builder header) {
        return header.x509CertSHA256Thumbprint(Base64URL.encode(certificate.thumbprint("SHA-256")))
                .x509CertThumbprint(Base64URL.encode(certificate.thumbprint("SHA-1")));
    }

    /** Why the last request failed, while the back-off lasts; empty once a token was had again. */
    public synchronized Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Failed token requests since start. */
    public long failures() {
        return failures.get();
    }
}
