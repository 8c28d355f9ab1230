package uk.gov.education.datasharing.intake;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.MailProperties;

/**
 * A login to the mailbox of its own, with the intake route's IMAP settings (TLS, timeouts): for readiness, the
 * INBOX metrics and reconciliation, which must not disturb the route's own connection. The caller closes it.
 */
final class MailboxLogin {

    private MailboxLogin() {
    }

    static Store open(GatewayConfig config, MailCredentials credentials) throws MessagingException {
        GatewayConfig.Imap imap = config.imap();
        Store store = Session.getInstance(MailProperties.imap(config)).getStore(imap.protocol());
        store.connect(imap.host(), imap.port(), imap.username(), credentials.imap());
        return store;
    }
}
