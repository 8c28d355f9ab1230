package uk.gov.education.datasharing.intake;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;

import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;

/**
 * The key under which a mailbox consumer claims a message (docs/adr/0021): the folder's UIDVALIDITY and the message's IMAP
 * UID, which the server gives and never reuses in the folder. Not camel-mail's default, the sender-written Message-ID: two
 * different messages with one Message-ID must both be taken, and a forged one must not hide another's message.
 */
public final class ImapUidKey implements MailUidGenerator {

    @Override
    public String generateUuid(MailEndpoint endpoint, Message message) {
        Folder folder = message.getFolder();
        if (!(folder instanceof UIDFolder uids)) {
            throw new IllegalStateException("the mailbox must be IMAP: its messages need UIDs to be shared between consumers");
        }
        try {
            return uids.getUIDValidity() + ":" + uids.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the message's IMAP UID", e);
        }
    }
}
