package uk.gov.education.datasharing.intake.mailbox;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * The header facts the gateway acts on, read once from a parsed message and bounded in size. Everything
 * here is attacker-controlled: values are used for decisions, never copied into outbound mail.
 */
public record Envelope(Optional<String> sender, String autoSubmitted, String precedence, boolean listMessage,
                       boolean deliveryReport, boolean emptyReturnPath, String subject, List<String> referencedMessageIds,
                       List<String> authenticationResults) {

    static final int MAX_HEADER_CHARS = 4_096;
    static final int MAX_REFERENCED_IDS = 50;
    /** Authentication-Results headers kept, from the top (the receiving server's own is the topmost). */
    static final int MAX_AUTHENTICATION_RESULTS = 20;
    /** One mailbox: a local part and a domain, nothing that could name a group or a second address. */
    private static final Pattern MAILBOX = Pattern.compile("^[^@\\s,;:<>()\\[\\]\"\\\\]{1,64}@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]{1,250})>");

    public Envelope {
        Objects.requireNonNull(sender, "sender");
        referencedMessageIds = List.copyOf(referencedMessageIds);
        authenticationResults = List.copyOf(authenticationResults);
    }

    public static Envelope read(MimeMessage message) throws MessagingException {
        String contentType = lower(first(message, "Content-Type"));
        String returnPath = first(message, "Return-Path");
        return new Envelope(
                senderOf(message),
                lower(first(message, "Auto-Submitted")),
                lower(first(message, "Precedence")),
                first(message, "List-Id") != null || first(message, "List-Unsubscribe") != null,
                contentType != null && contentType.startsWith("multipart/report"),
                returnPath != null && WHITESPACE.matcher(returnPath).replaceAll("").equals("<>"),
                decodedSubject(message),
                referencedIds(message),
                authenticationResults(message));
    }

    /**
     * The single From address, lower-cased; empty when missing, several, a group (RFC 5322 "name: a, b;", which
     * a reply would fan out to) or anything but one plain mailbox.
     */
    private static Optional<String> senderOf(MimeMessage message) throws MessagingException {
        String[] from = message.getHeader("From");
        if (from == null || from.length != 1 || from[0].length() > MAX_HEADER_CHARS) {
            return Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from[0], true);
            if (addresses.length != 1 || addresses[0].isGroup()) {
                return Optional.empty();
            }
            addresses[0].validate();
            String address = addresses[0].getAddress();
            if (address == null || address.length() > 254) {
                return Optional.empty();
            }
            String lower = address.toLowerCase(Locale.ROOT);
            return MAILBOX.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /** The subject, unfolded and decoded from encoded words; as written when they cannot be decoded; empty when none. */
    static String decodedSubject(MimeMessage message) throws MessagingException {
        String raw = first(message, "Subject");
        if (raw == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(raw));
        } catch (java.io.UnsupportedEncodingException e) {
            return raw;
        }
    }

    private static List<String> referencedIds(MimeMessage message) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (String name : new String[] {"In-Reply-To", "References"}) {
            String value = first(message, name);
            if (value == null) {
                continue;
            }
            Matcher m = MESSAGE_ID.matcher(value);
            while (m.find() && ids.size() < MAX_REFERENCED_IDS) {
                ids.add("<" + m.group(1) + ">");
            }
        }
        return ids;
    }

    private static List<String> authenticationResults(MimeMessage message) throws MessagingException {
        String[] values = message.getHeader("Authentication-Results");
        List<String> results = new ArrayList<>();
        for (int i = 0; values != null && i < values.length && i < MAX_AUTHENTICATION_RESULTS; i++) {
            String value = MimeUtility.unfold(values[i]).trim();
            results.add(value.length() > MAX_HEADER_CHARS ? value.substring(0, MAX_HEADER_CHARS) : value);
        }
        return results;
    }

    /** The first value of a header, or null; values longer than the bound are cut. */
    static String first(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        if (values == null || values.length == 0) {
            return null;
        }
        String value = values[0].trim();
        return value.length() > MAX_HEADER_CHARS ? value.substring(0, MAX_HEADER_CHARS) : value;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "Envelope[sender " + (sender.isPresent() ? "present" : "missing") + "]";
    }
}
