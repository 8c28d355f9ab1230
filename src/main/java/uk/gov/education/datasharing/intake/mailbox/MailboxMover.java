package uk.gov.education.datasharing.intake.mailbox;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import uk.gov.education.datasharing.intake.model.Sha256;

/** Finds messages in a folder by the SHA-256 of their raw bytes and moves them to another folder. */
public final class MailboxMover {

    private final long maxBytes;

    public MailboxMover(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Moves every message of {@code from} whose hash is in {@code hashes} to {@code to}; returns the hashes moved. */
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
                String sha = hash(message);
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

    private static String hash(Message message) throws MessagingException, IOException {
        MessageDigest digest = Sha256.newDigest();
        message.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }
        });
        return Sha256.hex(digest);
    }
}
