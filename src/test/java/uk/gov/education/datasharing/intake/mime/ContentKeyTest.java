package uk.gov.education.datasharing.intake.mime;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.mailbox.MessageContent;
import uk.gov.education.datasharing.intake.model.ReceivedFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One content key for one message however a server wrote its MIME (boundaries, transfer encodings, charsets, header
 * folding and order, encoded words, line endings: what Exchange's IMAP does when it writes a stored message out), and a
 * different key for anything its sender wrote or sent differently (docs/adr/0025).
 */
class ContentKeyTest {

    private static final FileExtractor.Limits LIMITS = new FileExtractor.Limits(20, 500, 100, 10_000_000, 50_000_000, 200, 100, 2);
    private static final String TEXT = "Dear team,\n\nPlease find our application attached. Café visits: none.\n\nRegards,\nAda";
    private static final byte[] FILE = "PK\u0003\u0004 an application form, as bytes".getBytes(StandardCharsets.ISO_8859_1);
    private static final String ID = "<abc.123@university.test>";

    /** As a mail program writes it: 8bit UTF-8 text, LF line ends, base64 in 76-character lines. */
    private static String asSent(String text, byte[] file, String date, String subject, String messageId) {
        return "From: Ada Lovelace <ada@university.test>\n"
                + "To: data.sharing@education.test\n"
                + "Subject: " + subject + "\n"
                + "Date: " + date + "\n"
                + "Message-ID: " + messageId + "\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"sent-boundary\"\n\n"
                + "--sent-boundary\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                + text + "\n"
                + "--sent-boundary\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=\"form.docx\"\n"
                + "Content-Disposition: attachment; filename=\"form.docx\"\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(file).replace("\r\n", "\n") + "\n"
                + "--sent-boundary--\n";
    }

    /**
     * As a server writes the same message out again: its own boundary and header order, trace fields, the date in
     * another zone, the subject and name as encoded words, folded fields, CRLF, the text quoted-printable in
     * ISO-8859-1 with trailing spaces and a blank line more at the end, base64 in 64-character lines.
     */
    private static String asServed(String text, byte[] file) {
        String latin = text.replace("\n", "  \r\n");
        StringBuilder qp = new StringBuilder();
        for (byte b : latin.getBytes(StandardCharsets.ISO_8859_1)) {
            int c = b & 0xff;
            qp.append(c >= 0x80 || c == '=' ? String.format("=%02X", c) : String.valueOf((char) c));
        }
        String base64 = Base64.getEncoder().encodeToString(file).replaceAll("(.{64})", "$1\r\n");
        return "Received: from mx.university.test by mx.education.test; Sat, 28 Nov 2026 10:00:03 +0000\r\n"
                + "Message-ID:\r\n " + ID + "\r\n"
                + "Content-Type: multipart/mixed;\r\n\tboundary=\"_000_AM0PR01MB1234_\"\r\n"
                + "From: =?utf-8?B?" + Base64.getEncoder().encodeToString("Ada Lovelace".getBytes(StandardCharsets.UTF_8))
                + "?=\r\n <ADA@University.test>\r\n"
                + "Subject: =?iso-8859-1?Q?Application_for_NPD?=\r\n"
                + "Date: Sat, 28 Nov 2026 11:00:00 +0100\r\n"
                + "To: <data.sharing@education.test>\r\n"
                + "MIME-Version: 1.0\r\n\r\n"
                + "--_000_AM0PR01MB1234_\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/plain; charset=\"iso-8859-1\"\r\n\r\n"
                + qp + "\r\n\r\n\r\n"
                + "--_000_AM0PR01MB1234_\r\nContent-Disposition: attachment;\r\n filename=\"form.docx\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;\r\n name=\"form.docx\"\r\n\r\n"
                + base64 + "\r\n"
                + "--_000_AM0PR01MB1234_--\r\n";
    }

    private static String sent() {
        return asSent(TEXT, FILE, "Sat, 28 Nov 2026 10:00:00 +0000", "Application for NPD", ID);
    }

    private static String key(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        FileExtractor.Extraction extraction = new FileExtractor(LIMITS).extract(message, new RecordingSink());
        assertThat(extraction.files()).as("the attachment is found").hasSize(1);
        assertThat(extraction.textDigests()).as("the text is hashed").hasSize(1);
        return MessageContent.key(message, extraction.files().stream().map(ReceivedFile::sha256).toList(), extraction.textDigests());
    }

    private static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSameMessageWrittenOutAgainByAServerHasTheSameKey() throws Exception {
        String sent = utf8(sent());
        String served = asServed(TEXT, FILE);
        assertThat(served).isNotEqualTo(sent);
        assertThat(key(served)).isEqualTo(key(sent));
    }

    @Test
    void anythingTheSenderWroteOrSentDifferentlyChangesTheKey() throws Exception {
        String base = key(utf8(sent()));
        String date = "Sat, 28 Nov 2026 10:00:00 +0000";
        assertThat(key(utf8(asSent(TEXT + " PS", FILE, date, "Application for NPD", ID)))).as("the text").isNotEqualTo(base);
        assertThat(key(utf8(asSent(TEXT.replace("none", "no"), FILE, date, "Application for NPD", ID)))).as("a word").isNotEqualTo(base);
        byte[] other = FILE.clone();
        other[other.length - 1] ^= 1;
        assertThat(key(utf8(asSent(TEXT, other, date, "Application for NPD", ID)))).as("a byte of a file").isNotEqualTo(base);
        assertThat(key(utf8(asSent(TEXT, FILE, "Sat, 28 Nov 2026 10:00:01 +0000", "Application for NPD", ID)))).as("the date").isNotEqualTo(base);
        assertThat(key(utf8(asSent(TEXT, FILE, date, "Application for SRS", ID)))).as("the subject").isNotEqualTo(base);
        assertThat(key(utf8(asSent(TEXT, FILE, date, "Application for NPD", "<abc.124@university.test>")))).as("the Message-ID")
                .isNotEqualTo(base);
        assertThat(key(utf8(sent().replace("ada@university.test", "bob@university.test")))).as("the sender").isNotEqualTo(base);
    }

    @Test
    void aTextIsHashedAsReadNotAsEncoded() {
        String text = "Line one\nLine two\n\nLine four";
        assertThat(TextDigest.of(text.replace("\n", "\r\n"))).as("CRLF").isEqualTo(TextDigest.of(text));
        assertThat(TextDigest.of(text.replace("\n", " \t\n") + " \n\n\n")).as("white space at line ends, blank lines at the end")
                .isEqualTo(TextDigest.of(text));
        assertThat(TextDigest.of("\n\n" + text)).as("blank lines at the start").isEqualTo(TextDigest.of(text));
        assertThat(TextDigest.of(text.replace("two", "2"))).isNotEqualTo(TextDigest.of(text));
        assertThat(TextDigest.of(text.replace("\n\n", "\n"))).as("a blank line inside").isNotEqualTo(TextDigest.of(text));
        assertThat(TextDigest.of(text.replace("Line two", "Line  two"))).as("spaces inside a line").isNotEqualTo(TextDigest.of(text));
        assertThat(TextDigest.of("\uD83D\uDE00")).as("characters outside the BMP are hashed whole")
                .isNotEqualTo(TextDigest.of("\uD83D\uDE01"));
    }

    @Test
    void whiteSpaceHeldBackIsBounded() {
        String atTheBound = " ".repeat(TextDigest.MAX_PENDING);
        assertThat(TextDigest.of("a" + atTheBound + "\nb")).as("white space at a line end, up to the bound").isEqualTo(TextDigest.of("a\nb"));
        assertThat(TextDigest.of("a" + atTheBound + "b")).as("white space inside a line").isNotEqualTo(TextDigest.of("ab"));
        String beyond = " ".repeat(TextDigest.MAX_PENDING * 3);
        assertThat(TextDigest.of("a" + beyond + "\nb")).as("beyond the bound it is hashed as text, the same way each time")
                .isNotEqualTo(TextDigest.of("a\nb")).isEqualTo(TextDigest.of("a" + beyond + "\nb"));
    }
}
