package uk.gov.education.datasharing.intake.mailbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.WhiteSpace;

/**
 * A message's content key: the SHA-256 of what its sender wrote and sent, as read rather than as encoded: the
 * Message-ID, the date as an instant, the From addresses, the decoded subject, every file's content digest and
 * every message text's digest, in the order found. A server that hands the same message out as new MIME (its own
 * boundaries, transfer encodings, header folding and order, as Exchange does for IMAP) changes the bytes and so the
 * {@link MessageIdentity}, but not this key (docs/adr/0025). Header values are read within {@link Envelope}'s bound.
 */
public final class MessageContent {

    private MessageContent() {
    }

    /**
     * The key of a parsed message, given the digests of its files and texts as extraction found them.
     *
     * @throws MessagingException when its header cannot be read
     */
    public static String key(MimeMessage message, List<String> fileDigests, List<String> textDigests) throws MessagingException {
        StringBuilder canonical = new StringBuilder("content-v1\n");
        field(canonical, "message-id", messageId(message));
        field(canonical, "date", date(message));
        field(canonical, "from", from(message));
        field(canonical, "subject", collapsed(Envelope.decodedSubject(message)));
        fileDigests.forEach(digest -> field(canonical, "file", digest));
        textDigests.forEach(digest -> field(canonical, "text", digest));
        MessageDigest digest = Sha256.newDigest();
        digest.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest);
    }

    /** A name, the value's length and the value: no value can pass for another field. */
    private static void field(StringBuilder canonical, String name, String value) {
        canonical.append(name).append(':').append(value.length()).append(':').append(value).append('\n');
    }

    private static String messageId(MimeMessage message) throws MessagingException {
        return WhiteSpace.collapsed(first(message, "Message-ID"), "");
    }

    /** The date as seconds since the epoch, however it was written; as written (spaces collapsed) when it cannot be read. */
    private static String date(MimeMessage message) throws MessagingException {
        String value = first(message, "Date");
        try {
            return String.valueOf(new MailDateFormat().parse(value).toInstant().getEpochSecond());
        } catch (ParseException | RuntimeException e) {
            return collapsed(value);
        }
    }

    /** The From addresses, lower-cased, without display names (a server may encode those anew). */
    private static String from(MimeMessage message) throws MessagingException {
        String value = first(message, "From");
        try {
            List<String> addresses = new ArrayList<>();
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                addresses.add(String.valueOf(address.getAddress()).toLowerCase(Locale.ROOT));
            }
            return String.join(",", addresses);
        } catch (AddressException e) {
            return collapsed(value).toLowerCase(Locale.ROOT);
        }
    }

    /** The first value of a header field, unfolded and cut to the envelope's bound; empty when there is none. */
    private static String first(MimeMessage message, String name) throws MessagingException {
        String value = Envelope.first(message, name);
        return value == null ? "" : MimeUtility.unfold(value);
    }

    private static String collapsed(String value) {
        return WhiteSpace.collapsed(value, " ");
    }
}
