package uk.gov.education.datasharing.intake;

import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;

import org.apache.camel.component.mail.MailAuthenticator;

/**
 * What the intake route logs in with, asked by camel-mail at every (re)connect: the mailbox's user and its password or
 * current access token ({@link MailCredentials}). Camel also asks when the route is set up; a token that cannot be had
 * then or later gives an empty password, so that login fails and the route tries again at its next poll.
 */
final class MailboxAuthenticator extends MailAuthenticator {

    private final String username;
    private final MailCredentials credentials;

    MailboxAuthenticator(String username, MailCredentials credentials) {
        this.username = username;
        this.credentials = credentials;
    }

    @Override
    public PasswordAuthentication getPasswordAuthentication() {
        try {
            return new PasswordAuthentication(username, credentials.imap());
        } catch (MessagingException e) {
            // no token now (logged and counted by MailCredentials): this login fails, the next poll asks again
            return new PasswordAuthentication(username, "");
        }
    }
}
