package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import uk.gov.education.datasharing.intake.io.EncryptedSpool;

/**
 * Spool stage: streams the raw message once from the mailbox into an encrypted temporary file (key in
 * memory only), hashing it. Empty when it is larger than allowed, by the server's word or by counting.
 */
public final class SpoolMessage {

    private final Path spoolDir;
    private final long maxBytes;

    public SpoolMessage(Path spoolDir, long maxBytes) {
        this.spoolDir = spoolDir;
        this.maxBytes = maxBytes;
    }

    public Optional<EncryptedSpool> spool(Message message) throws IOException, MessagingException {
        if (declaredSize(message) > maxBytes) {
            return Optional.empty();
        }
        try {
            return Optional.of(EncryptedSpool.write(spoolDir, out -> writeRaw(message, out), maxBytes));
        } catch (EncryptedSpool.SpoolLimitException e) {
            return Optional.empty(); // the server's declared size was wrong
        }
    }

    /**
     * The size the server declares, or 0 when it cannot say: asking loads the IMAP envelope, which the client
     * cannot parse for some crafted headers; the spool's own count still bounds the message.
     */
    private static long declaredSize(Message message) {
        try {
            return message.getSize();
        } catch (MessagingException | RuntimeException e) {
            return 0;
        }
    }

    private static void writeRaw(Message message, OutputStream out) throws IOException {
        try {
            message.writeTo(out);
        } catch (MessagingException e) {
            throw new IOException("could not read the message from the mailbox", e);
        }
    }
}
