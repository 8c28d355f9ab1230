package uk.gov.education.datasharing.intake.mailbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import uk.gov.education.datasharing.intake.model.Sha256;

/**
 * A message's identity: the SHA-256 of its header and body without the fields the delivering servers add, so one
 * message delivered twice (a sender's server resending after a lost acknowledgement, a second hop a second later)
 * is one message, while two messages that differ in anything their senders wrote (a Message-ID alone is not
 * enough) are two. Line endings are normalised, since servers store and serve them differently. Which fields are
 * left out, and why: docs/adr/0016. Streams; holds one line at a time, at most {@link #MAX_LINE} bytes of it.
 */
public final class MessageIdentity {

    /** Trace and transport fields: added on the way by the servers that carried the message, not by its sender. */
    static final Set<String> TRANSPORT_FIELDS = Set.of("received", "x-received", "return-path", "delivered-to", "x-original-to",
            "envelope-to", "x-envelope-to", "x-envelope-from", "delivery-date", "authentication-results", "authentication-results-original",
            "received-spf", "x-virus-scanned", "x-virus-status", "x-quarantine-id", "x-greylist", "x-originating-ip-trace",
            "dkim-filter", "dmarc-filter", // OpenDKIM's and OpenDMARC's, with the receiving server's queue id
            // Exchange Online Protection's stamps outside X-MS-Exchange-*: per delivery, or per tenant that handled it
            "x-ms-office365-filtering-correlation-id", "x-ms-traffictypediagnostic", "x-ms-publictraffictype", "x-ms-oob-tlc-oobclassifiers",
            "x-eopattributedmessage", "x-eoptenantattributedmessage", "x-incomingheadercount", "x-incomingtopheadermarker", "x-ld-processed");
    static final List<String> TRANSPORT_PREFIXES = List.of("arc-", "x-ms-exchange-", "x-microsoft-antispam", "x-forefront-antispam-report",
            "x-spam-", "x-mimecast-", "x-proofpoint-", "x-ironport-", "x-barracuda-", "x-sophos-", "x-rspamd-", "x-spamd-", "x-amavis-");
    static final int MAX_LINE = 64 * 1024;

    private MessageIdentity() {
    }

    public static String of(InputStream raw) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        LineReader lines = new LineReader(raw);
        boolean inHeader = true;
        boolean skipping = false;
        byte[] line;
        while ((line = lines.next()) != null) {
            if (inHeader) {
                if (lines.length() == 0) {
                    inHeader = false;
                } else if (line[0] == ' ' || line[0] == '\t') {
                    if (skipping) {
                        continue; // a continuation of a field left out
                    }
                } else {
                    skipping = transport(fieldName(line, lines.length()));
                    if (skipping) {
                        continue;
                    }
                }
            }
            digest.update(line, 0, lines.length());
            digest.update((byte) '\n');
        }
        return Sha256.hex(digest);
    }

    /**
     * The identity of a message in a mailbox folder, read whole into memory: the callers (reprocess, reconcile) skip
     * messages over intake.limits.message-bytes first.
     */
    public static String of(Message message) throws IOException, MessagingException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return of(new ByteArrayInputStream(raw.toByteArray()));
    }

    static boolean transport(String field) {
        if (TRANSPORT_FIELDS.contains(field)) {
            return true;
        }
        for (String prefix : TRANSPORT_PREFIXES) {
            if (field.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String fieldName(byte[] line, int length) {
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            colon++;
        }
        return new String(line, 0, colon, java.nio.charset.StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
    }

    /** Lines without their CRLF or LF; a line longer than MAX_LINE is handed over in pieces. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[MAX_LINE];
        private int length;
        private int pending = -1;

        /** Read ahead in blocks: a message of megabytes is read a byte at a time below. */
        private final byte[] block = new byte[64 * 1024];
        private int blockPosition;
        private int blockLength;

        LineReader(InputStream in) {
            this.in = in;
        }

        private int read() throws IOException {
            if (blockPosition == blockLength) {
                int n = in.read(block, 0, block.length);
                if (n <= 0) {
                    blockPosition = 0;
                    blockLength = 0;
                    return -1;
                }
                blockPosition = 0;
                blockLength = n;
            }
            return block[blockPosition++] & 0xff;
        }

        byte[] next() throws IOException {
            length = 0;
            int b = pending >= 0 ? pending : read();
            pending = -1;
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n' && length < MAX_LINE) {
                if (b == '\r') {
                    int after = read();
                    if (after == '\n') {
                        return buffer;
                    }
                    pending = after; // a lone CR is content
                    buffer[length++] = (byte) b;
                    if (pending < 0) {
                        return buffer;
                    }
                    b = pending;
                    pending = -1;
                    continue;
                }
                buffer[length++] = (byte) b;
                b = read();
            }
            if (b >= 0 && b != '\n') {
                pending = b; // the line goes on past MAX_LINE
            }
            return buffer;
        }

        int length() {
            return length;
        }
    }
}
