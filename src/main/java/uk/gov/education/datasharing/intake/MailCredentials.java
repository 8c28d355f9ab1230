package uk.gov.education.datasharing.intake;

import java.time.Clock;
import java.util.Optional;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.mailbox.AccessTokens;

/**
 * What the gateway logs in to the mailbox with: the configured passwords, or (intake.mail.auth=oauth2) an access token
 * for XOAUTH2 on IMAP and SMTP, one token cache for every login of the process. Asked at each login, so a reconnect
 * after a token expired uses a new one.
 */
public final class MailCredentials {

    private final GatewayConfig config;
    private final AccessTokens tokens;

    private MailCredentials(GatewayConfig config, AccessTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    public static MailCredentials of(GatewayConfig config, Clock clock) {
        GatewayConfig.OAuth oauth = config.oauth();
        return new MailCredentials(config, oauth == null ? null
                : new AccessTokens(oauth.tokenUrl(), oauth.clientId(), oauth.clientSecret(), oauth.scope(), clock));
    }

    /** The IMAP password, or an access token. */
    public String imap() throws MessagingException {
        return tokens == null ? config.imap().password() : token();
    }

    /** The SMTP password (null: no login), or an access token. */
    public String smtp() throws MessagingException {
        return tokens == null ? config.smtp().password() : token();
    }

    private String token() throws MessagingException {
        try {
            return tokens.current();
        } catch (AccessTokens.TokenUnavailableException e) {
            throw new AuthenticationFailedException("no access token for the mailbox: " + e.getMessage());
        }
    }

    /** Why no token can be had now (readiness), or empty. */
    public Optional<String> problem() {
        return tokens == null ? Optional.empty() : tokens.problem();
    }

    /** Failed token requests since start (0 with passwords). */
    public long tokenFailures() {
        return tokens == null ? 0 : tokens.failures();
    }
}
