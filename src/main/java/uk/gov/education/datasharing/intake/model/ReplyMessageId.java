package uk.gov.education.datasharing.intake.model;

import java.util.UUID;

/** The Message-ID of an email the gateway sends for a case: the reference, a random part, and the mailbox's domain. */
public final class ReplyMessageId {

    private ReplyMessageId() {
    }

    /** A new Message-ID in the mailbox's domain, so answers to it can be matched to their case. */
    public static String newFor(String reference, String mailboxAddress) {
        return "<" + reference + "." + UUID.randomUUID() + "@" + mailboxAddress.substring(mailboxAddress.indexOf('@') + 1) + ">";
    }
}
