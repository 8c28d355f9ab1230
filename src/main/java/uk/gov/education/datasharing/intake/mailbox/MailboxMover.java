package uk.gov.education.datasharing.intake.mailbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

/** Finds messages in a folder by their identity ({@link MessageIdentity}, as intake records them) and moves them to another folder. */
public final class MailboxMover {

    private final long maxBytes;

    public MailboxMover(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Moves every message of {@code from} whose identity is in {@code hashes} to {@code to}; returns the identities moved. */
    public List<String> move(Store store, String from, String to, Set<String> hashes) throws MessagingException, IOException {
        Folder source = store.getFolder(from);
        if (!source.exists()) {
            return List.of();
        }
        Folder target = store.getFolder(to);
        List<String> moved = new ArrayList<>();
        source.open(Folder.READ_WRITE);
        try {
            for (Message message : source.getMessages()) {
                if (message.isSet(Flags.Flag.DELETED) || message.getSize() > maxBytes) {
                    continue;
                }
                String sha = MessageIdentity.of(message);
                if (hashes.contains(sha)) {
                    source.copyMessages(new Message[] {message}, target);
                    message.setFlag(Flags.Flag.DELETED, true);
                    moved.add(sha);
                }
            }
        } finally {
            source.close(true);
        }
        return moved;
    }
}
