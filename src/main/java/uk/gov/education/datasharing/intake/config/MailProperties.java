package uk.gov.education.datasharing.intake.config;

import java.util.Properties;

import uk.gov.education.datasharing.intake.reply.SmtpTransport;

/** Jakarta Mail session properties from the configuration, for the gateway and the commands that reach the mailbox. */
public final class MailProperties {

    private MailProperties() {
    }

    /** The IMAP session's properties: timeouts, 1 MB fetches, STARTTLS required unless plaintext was allowed, certificates checked. */
    public static Properties imap(GatewayConfig config) {
        Properties props = new Properties();
        String p = "mail." + config.imap().protocol() + ".";
        props.put(p + "connectiontimeout", "15000");
        props.put(p + "timeout", "60000");
        props.put(p + "writetimeout", "60000");
        props.put(p + "partialfetch", "true");
        props.put(p + "fetchsize", "1048576");
        if (config.imap().protocol().equals("imap") && !config.imap().plaintext()) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (config.oauth() != null) {
            props.put(p + "auth.mechanisms", "XOAUTH2");
        }
        if (!config.imap().plaintext()) {
            props.put(p + "ssl.checkserveridentity", String.valueOf(!config.imap().trustAllCertificates()));
            if (config.imap().trustAllCertificates()) {
                props.put(p + "ssl.trust", "*");
            }
        }
        return props;
    }

    /** The SMTP session's extra properties: certificate checks off only when explicitly allowed (test servers). */
    public static Properties smtpExtras(GatewayConfig config) {
        Properties props = new Properties();
        String p = config.smtp().security() == SmtpTransport.Security.SMTPS ? "mail.smtps." : "mail.smtp.";
        if (config.smtp().trustAllCertificates()) {
            props.put(p + "ssl.trust", "*");
            props.put(p + "ssl.checkserveridentity", "false");
        }
        return props;
    }
}
