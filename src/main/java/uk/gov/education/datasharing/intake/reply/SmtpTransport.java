package uk.gov.education.datasharing.intake.reply;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends composed replies over SMTP: {@code smtps} (implicit TLS), {@code smtp} with STARTTLS required, or
 * plain {@code smtp} only when explicitly allowed. Connection and read time-outs are always set.
 */
public final class SmtpTransport {

    public enum Security { SMTPS, STARTTLS, PLAIN }

    private final Session session;
    private final String protocol;
    private final String host;
    private final int port;
    private final String username;
    private final Password password;

    /** The password, or an OAuth 2.0 access token (XOAUTH2), asked at each login. */
    @FunctionalInterface
    public interface Password {
        String get() throws MessagingException;
    }

    public SmtpTransport(String host, int port, Security security, String username, Password password, Properties extra) {
        this.host = host;
        this.port = port;
        this.username = username == null || username.isBlank() ? null : username;
        this.password = password;
        this.protocol = security == Security.SMTPS ? "smtps" : "smtp";
        Properties props = new Properties();
        String prefix = "mail." + protocol + ".";
        props.put(prefix + "connectiontimeout", "10000");
        props.put(prefix + "timeout", "30000");
        props.put(prefix + "writetimeout", "30000");
        props.put(prefix + "auth", String.valueOf(this.username != null));
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
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(host, port, username, username == null ? null : password.get());
        }
    }

    public void send(MimeMessage message) throws MessagingException {
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(host, port, username, username == null ? null : password.get());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
