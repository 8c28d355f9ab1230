package uk.gov.education.datasharing.intake.workspace;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import uk.gov.education.datasharing.intake.config.GatewayConfig;

/**
 * Staff sign-in with OpenID Connect: the authorisation code flow with PKCE (S256), a state bound to the browser and
 * a nonce bound to the ID token, whose signature, issuer, audience, expiry and nonce are checked against the
 * provider's published keys (Nimbus OAuth 2.0 SDK). The provider's metadata is fetched at the first sign-in, so the
 * gateway starts while the provider is away.
 */
public final class OidcSignIn {

    /** What the browser must bring back: kept server-side under a cookie, never in the address. */
    public record Pending(State state, Nonce nonce, CodeVerifier verifier, String returnTo) {
    }

    /** Sign-in failed; the message is for the log and names no secret. */
    public static final class SignInException extends Exception {
        public SignInException(String message) {
            super(message);
        }
    }

    private final GatewayConfig.Oidc config;
    private final URI callback;
    private volatile OIDCProviderMetadata metadata;
    private volatile IDTokenValidator validator;

    public OidcSignIn(GatewayConfig.Oidc config, URI callback) {
        this.config = config;
        this.callback = callback;
    }

    /** Where to send the browser, and what to keep until it comes back. */
    public Pending begin(String returnTo) {
        return new Pending(new State(), new Nonce(), new CodeVerifier(), returnTo);
    }

    public URI authorizationUri(Pending pending) throws SignInException {
        OIDCProviderMetadata meta = metadata();
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile", "email"),
                new ClientID(config.clientId()), callback)
                .endpointURI(meta.getAuthorizationEndpointURI())
                .state(pending.state())
                .nonce(pending.nonce())
                .codeChallenge(pending.verifier(), CodeChallengeMethod.S256)
                .build().toURI();
    }

    /** Completes the sign-in from the address the provider sent the browser back to. */
    public StaffUser complete(URI callbackWithQuery, Pending pending) throws SignInException {
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(callbackWithQuery);
        } catch (ParseException e) {
            throw new SignInException("the provider's answer could not be read");
        }
        if (!pending.state().equals(response.getState())) {
            throw new SignInException("the state does not match this browser's sign-in");
        }
        if (!response.indicatesSuccess()) {
            AuthenticationErrorResponse error = response.toErrorResponse();
            throw new SignInException("the provider refused: " + error.getErrorObject().getCode());
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new SignInException("the provider sent no authorisation code");
        }
        OIDCProviderMetadata meta = metadata();
        TokenRequest request = new TokenRequest(meta.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(config.clientId()), new Secret(config.clientSecret())),
                new AuthorizationCodeGrant(code, callback, pending.verifier()));
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(5_000);
        http.setReadTimeout(10_000);
        TokenResponse tokens;
        try {
            tokens = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException | ParseException e) {
            throw new SignInException("the token endpoint could not be reached or answered badly");
        }
        if (!tokens.indicatesSuccess()) {
            throw new SignInException("the token endpoint refused: " + tokens.toErrorResponse().getErrorObject().getCode());
        }
        JWT idToken = ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens().getIDToken();
        IDTokenClaimsSet claims;
        try {
            claims = validator(meta).validate(idToken, pending.nonce());
        } catch (BadJOSEException | JOSEException e) {
            throw new SignInException("the ID token did not validate: " + e.getMessage());
        }
        return user(claims);
    }

    private StaffUser user(IDTokenClaimsSet claims) {
        Object named = claims.getClaim(config.usernameClaim());
        String username = named instanceof String s && !s.isBlank() ? s : claims.getSubject().getValue();
        Object display = claims.getClaim("name");
        Set<StaffUser.Role> roles = EnumSet.noneOf(StaffUser.Role.class);
        Object claimed = claims.getClaim(config.rolesClaim());
        List<?> values = claimed instanceof List<?> list ? list : claimed instanceof String s ? List.of(s.split(" ")) : List.of();
        for (Object value : values) {
            if (config.teamRole().equals(value)) {
                roles.add(StaffUser.Role.TEAM);
            }
            if (config.opsRole().equals(value)) {
                roles.add(StaffUser.Role.OPS);
            }
        }
        return new StaffUser(username, display instanceof String s && !s.isBlank() ? s : username, roles);
    }

    private OIDCProviderMetadata metadata() throws SignInException {
        OIDCProviderMetadata meta = metadata;
        if (meta == null) {
            try {
                meta = OIDCProviderMetadata.resolve(new Issuer(config.issuer()), 5_000, 10_000);
            } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
                throw new SignInException("the sign-in provider's metadata could not be fetched from intake.workspace.oidc.issuer");
            }
            metadata = meta;
        }
        return meta;
    }

    private IDTokenValidator validator(OIDCProviderMetadata meta) throws SignInException {
        IDTokenValidator v = validator;
        if (v == null) {
            try {
                URL keys = meta.getJWKSetURI().toURL();
                v = new IDTokenValidator(meta.getIssuer(), new ClientID(config.clientId()), JWSAlgorithm.RS256, keys);
            } catch (IOException e) {
                throw new SignInException("the provider's key set address is not usable");
            }
            validator = v;
        }
        return v;
    }
}
