package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.mailbox.Envelope;
import uk.gov.education.datasharing.intake.mailbox.HeaderBlock;
import uk.gov.education.datasharing.intake.mailbox.IsAutomaticMail;
import uk.gov.education.datasharing.intake.mailbox.SenderAuthentication;

/**
 * Screen stage: bounds the header block before parsing, parses the message (lazily, from the spool),
 * reads its envelope, stops automatic mail, messages without exactly one sender address (a group or
 * several would fan a reply out) and senders past their reply limit, and says whether the sender is
 * authenticated.
 */
public final class ScreenMessage {

    static final String HEADERS_TOO_LONG = "HEADERS_TOO_LONG";
    static final String REPLY_LIMIT = "REPLY_LIMIT";

    private final int headerBytes;
    private final IsAutomaticMail isAutomatic;
    private final SenderReplyLimit replyLimit;
    private final SenderAuthentication authentication;
    private final Session parsing = Session.getInstance(parsingProperties());

    public ScreenMessage(int headerBytes, IsAutomaticMail isAutomatic, SenderReplyLimit replyLimit, SenderAuthentication authentication) {
        this.headerBytes = headerBytes;
        this.isAutomatic = isAutomatic;
        this.replyLimit = replyLimit;
        this.authentication = authentication;
    }

    public Screening screen(EncryptedSpool raw) throws IOException, MessagingException, SQLException {
        try (InputStream in = raw.open()) {
            if (!HeaderBlock.within(in, headerBytes)) {
                return new Screening.Quarantine(HEADERS_TOO_LONG);
            }
        }
        MimeMessage mime = parse(raw);
        Envelope envelope = Envelope.read(mime);
        Optional<String> automatic = isAutomatic.reason(envelope);
        if (automatic.isPresent()) {
            return new Screening.Ignore(automatic.get());
        }
        String sender = envelope.sender().orElseThrow();
        if (replyLimitReached(sender)) {
            return new Screening.Ignore(REPLY_LIMIT);
        }
        return new Screening.Pass(mime, envelope, sender, authentication.verdict(envelope));
    }

    /** Whether the sender has had the day's replies: asked in screening, and again when the message's turn to be recorded comes. */
    boolean replyLimitReached(String sender) throws SQLException {
        return replyLimit.reached(sender);
    }

    /** The message, parsed lazily over the spool (the spool's streams need no closing; the spool owns the file). */
    MimeMessage parse(EncryptedSpool raw) throws MessagingException {
        return new MimeMessage(parsing, raw.open());
    }

    private static Properties parsingProperties() {
        Properties props = new Properties();
        props.put("mail.mime.decodefilename", "true");
        props.put("mail.mime.decodeparameters", "true");
        return props;
    }
}
