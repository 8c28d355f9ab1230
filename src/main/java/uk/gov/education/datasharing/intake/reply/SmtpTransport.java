package uk.gov.education.datasharing.intake.reply;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends composed replies over SMTP: {@code smtps} (implicit TLS), {@code smtp} with STARTTLS required, or
 * plain {@code smtp} only when explicitly allowed. Connection and read time-outs are always set. With a user name it
 * logs in with the password, or with an OAuth 2.0 access token (XOAUTH2); the token is sent on its own line after the
 * server's go-ahead, never inline in the AUTH command, whose line it would make longer than SMTP allows (RFC 4954
 * section 4; Jakarta Mail's own XOAUTH2 sends it inline, which servers that keep to the limit refuse).
 */
public final class SmtpTransport {

    public enum Security { SMTPS, STARTTLS, PLAIN }

    /** What the password supplier gives: a password, or an access token for XOAUTH2. */
    public enum Login { PASSWORD, XOAUTH2 }

    private final Session session;
    private final String protocol;
    private final String host;
    private final int port;
    private final String username;
    private final Password password;
    private final Login login;

    /** The password, or an OAuth 2.0 access token (XOAUTH2), asked at each login. */
    @FunctionalInterface
    public interface Password {
        String get() throws MessagingException;
    }

    public SmtpTransport(String host, int port, Security security, String username, Password password, Login login, Properties extra) {
        this.host = host;
        this.port = port;
        this.username = username == null || username.isBlank() ? null : username;
        this.password = password;
        this.login = login;
        this.protocol = security == Security.SMTPS ? "smtps" : "smtp";
        Properties props = new Properties();
        String prefix = "mail." + protocol + ".";
        props.put(prefix + "connectiontimeout", "10000");
        props.put(prefix + "timeout", "30000");
        props.put(prefix + "writetimeout", "30000");
        // XOAUTH2 is done here after connecting, so Jakarta Mail's own login is only for passwords
        props.put(prefix + "auth", String.valueOf(this.username != null && login == Login.PASSWORD));
        if (security == Security.STARTTLS) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
        }
        if (security != Security.PLAIN) {
            props.put(prefix + "ssl.checkserveridentity", "true");
        }
        props.putAll(extra);
        this.session = Session.getInstance(props);
    }

    public Session session() {
        return session;
    }

    /** Connects (and logs in, when configured) and disconnects: the readiness check. */
    public void check() throws MessagingException {
        open().close();
    }

    public void send(MimeMessage message) throws MessagingException {
        try (Transport transport = open()) {
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** A connected transport, logged in when a user name is set. */
    private Transport open() throws MessagingException {
        Transport transport = session.getTransport(protocol);
        if (username == null || login == Login.PASSWORD) {
            transport.connect(host, port, username, username == null ? null : password.get());
            return transport;
        }
        transport.connect(host, port, null, null); // greeting, EHLO and STARTTLS; no login yet
        try {
            xoauth2((SMTPTransport) transport, username, password.get());
        } catch (MessagingException | RuntimeException e) {
            transport.close();
            throw e;
        }
        return transport;
    }

    /** AUTH XOAUTH2, the response on its own line after the server's 334; a refused token gets the empty line the mechanism asks for. */
    static void xoauth2(SMTPTransport smtp, String user, String token) throws MessagingException {
        String offered = smtp.getExtensionParameter("AUTH");
        if (offered == null || Arrays.stream(offered.trim().split("\\s+")).noneMatch("XOAUTH2"::equalsIgnoreCase)) {
            throw new AuthenticationFailedException("the SMTP server does not offer AUTH XOAUTH2");
        }
        int code = smtp.simpleCommand("AUTH XOAUTH2");
        if (code != 334) {
            throw new AuthenticationFailedException("the SMTP server answered AUTH XOAUTH2 with " + code);
        }
        String response = Base64.getEncoder().encodeToString(("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001")
                .getBytes(StandardCharsets.UTF_8));
        code = smtp.simpleCommand(response);
        if (code == 334) { // the server's error challenge: an empty line ends the exchange
            code = smtp.simpleCommand("");
            throw new AuthenticationFailedException("the SMTP server refused the access token (" + code + ")");
        }
        if (code != 235) {
            throw new AuthenticationFailedException("the SMTP server refused the access token (" + code + ")");
        }
    }
}
