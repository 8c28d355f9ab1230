package uk.gov.education.datasharing.intake.mailbox;


import java.util.Optional;

/**
 * Answers whether a message was sent by a machine (RFC 3834 and common practice), so that the gateway
 * never answers it: out-of-office replies, mailing lists, bounces, our own mail.
 */
public final class IsAutomaticMail {

    private static final com.google.re2j.Pattern BULK = com.google.re2j.Pattern.compile("(bulk|junk|list)\\b");

    private final String ownAddress;

    public IsAutomaticMail(String ownAddress) {
        this.ownAddress = ownAddress.toLowerCase(java.util.Locale.ROOT);
    }

    /** The reason code when the message must not be answered, or empty when a person sent it. */
    public Optional<String> reason(Envelope envelope) {
        if (envelope.autoSubmitted() != null && !envelope.autoSubmitted().startsWith("no")) {
            return Optional.of("AUTO_SUBMITTED");
        }
        if (envelope.precedence() != null && BULK.matcher(envelope.precedence()).lookingAt()) {
            return Optional.of("BULK_PRECEDENCE");
        }
        if (envelope.listMessage()) {
            return Optional.of("MAILING_LIST");
        }
        if (envelope.deliveryReport()) {
            return Optional.of("DELIVERY_REPORT");
        }
        if (envelope.emptyReturnPath()) {
            return Optional.of("EMPTY_RETURN_PATH");
        }
        if (envelope.sender().isEmpty()) {
            return Optional.of("NO_SENDER");
        }
        if (envelope.sender().get().equals(ownAddress)) {
            return Optional.of("OWN_ADDRESS");
        }
        return Optional.empty();
    }
}
