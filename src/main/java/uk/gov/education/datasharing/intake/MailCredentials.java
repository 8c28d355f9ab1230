package uk.gov.education.datasharing.intake;

import java.time.Clock;
import java.util.Optional;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.mailbox.AccessTokens;
import uk.gov.education.datasharing.intake.mailbox.ClientCertificate;

/**
 * What the gateway logs in to the mailbox with: the configured passwords, or (intake.mail.auth=oauth2) an access token
 * for XOAUTH2 on IMAP and SMTP, one token cache for every login of the process. Asked at each login, so a reconnect
 * after a token expired uses a new one.
 */
public final class MailCredentials {

    private static final Logger LOG = LoggerFactory.getLogger("mailbox");

    private final GatewayConfig config;
    private final AccessTokens tokens;

    private MailCredentials(GatewayConfig config, AccessTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    public static MailCredentials of(GatewayConfig config, Clock clock) {
        GatewayConfig.OAuth oauth = config.oauth();
        if (oauth == null) {
            return new MailCredentials(config, null);
        }
        if (oauth.certificate() == null) {
            return new MailCredentials(config, new AccessTokens(oauth.tokenUrl(), oauth.clientId(), oauth.clientSecret(), oauth.scope(), clock));
        }
        if (oauth.certificate().expires().isBefore(clock.instant().plus(ClientCertificate.EXPIRY_WARNING))) {
            LOG.warn("MAIL_CERTIFICATE_EXPIRING: the certificate in intake.oauth.client-certificate expires at {}; upload its successor to the app "
                    + "registration and point the setting at it", oauth.certificate().expires());
        }
        return new MailCredentials(config, new AccessTokens(oauth.tokenUrl(), oauth.clientId(), oauth.certificate(), oauth.scope(), clock));
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
