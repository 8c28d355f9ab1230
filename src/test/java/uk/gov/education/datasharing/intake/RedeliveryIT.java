package uk.gov.education.datasharing.intake;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import uk.gov.education.datasharing.intake.validate.Forms;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One message, one case, however it was delivered (docs/adr/0016): the same message sent twice through a real
 * SMTP hop a second apart arrives as two different byte streams (the server stamps each delivery), and opens one
 * case with one reply, also when a server wrote the second out as new MIME (docs/adr/0025); two different messages with
 * the same Message-ID open two.
 */
@Timeout(120)
class RedeliveryIT extends GatewayITSupport {

    private void sendBySmtp(MimeMessage message) throws Exception {
        var settings = harness.settings();
        Session session = Session.getInstance(new Properties());
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(settings.get("intake.smtp.host"), Integer.parseInt(settings.get("intake.smtp.port")), null, null);
            transport.sendMessage(message, new jakarta.mail.Address[] {new jakarta.mail.internet.InternetAddress(GatewayHarness.MAILBOX)});
        }
    }

    private List<byte[]> inbox() throws Exception {
        var settings = harness.settings();
        List<byte[]> raws = new ArrayList<>();
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect(settings.get("intake.imap.host"), Integer.parseInt(settings.get("intake.imap.port")),
                    settings.get("intake.imap.username"), settings.get("intake.imap.password"));
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message message : inbox.getMessages()) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                raws.add(raw.toByteArray());
            }
            inbox.close(false);
        }
        return raws;
    }

    private static MimeMessage application(String body) {
        String raw = Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", body,
                "application-form.docx", Documents.form(Forms.srsApplication()), "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias"));
        return Mails.parse(raw.replaceFirst("Message-ID: <[^>]+>", "Message-ID: <same-id@university.test>"));
    }

    @Test
    void theSameMessageDeliveredTwiceASecondApartOpensOneCaseAndSendsOneReply() throws Exception {
        MimeMessage message = application("Please find attached.");
        sendBySmtp(message);
        Thread.sleep(1_100);
        sendBySmtp(message);
        List<byte[]> delivered = inbox();
        assertThat(delivered).hasSize(2);
        assertThat(delivered.get(0)).as("each delivery is stamped by the server").isNotEqualTo(delivered.get(1));

        harness.start();
        harness.awaitFolder("Processed", 2);
        harness.awaitIdle();
        assertThat(cases()).hasSize(1);
        assertThat(harness.repliesTo(GatewayHarness.APPLICANT)).hasSize(1);
    }

    /**
     * The same message as a server writes it out of its own store (Exchange does so for IMAP): its own boundary, the text
     * quoted-printable in another charset with white space at line ends, encoded words, the date in another zone.
     */
    private static MimeMessage writtenAnew(MimeMessage original) throws Exception {
        MimeMessage copy = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() {
                // the sender's Message-ID stays
            }
        };
        copy.setHeader("Message-ID", original.getHeader("Message-ID")[0]);
        copy.setHeader("From", "=?utf-8?B?QXBwbGljYW50?= <" + GatewayHarness.APPLICANT.toUpperCase(java.util.Locale.ROOT) + ">");
        copy.setHeader("To", "<" + GatewayHarness.MAILBOX + ">");
        copy.setHeader("Subject", "=?iso-8859-1?Q?" + original.getSubject().replace(' ', '_') + "?=");
        copy.setHeader("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                original.getSentDate().toInstant().atOffset(java.time.ZoneOffset.ofHours(1))));
        jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
        jakarta.mail.Multipart sent = (jakarta.mail.Multipart) original.getContent();
        for (int i = 0; i < sent.getCount(); i++) {
            jakarta.mail.BodyPart part = sent.getBodyPart(i);
            jakarta.mail.internet.MimeBodyPart again = new jakarta.mail.internet.MimeBodyPart();
            if (part.getFileName() == null) {
                again.setText(((String) part.getContent()).replace("\n", "  \r\n") + "\r\n\r\n", "iso-8859-1");
                again.setHeader("Content-Transfer-Encoding", "quoted-printable");
            } else {
                again.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                        part.getInputStream().readAllBytes(), "application/octet-stream")));
                again.setFileName(part.getFileName());
                again.setDisposition(jakarta.mail.Part.ATTACHMENT);
            }
            parts.addBodyPart(again);
        }
        copy.setContent(parts);
        copy.saveChanges();
        return copy;
    }

    @Test
    void theSameMessageWrittenOutAsNewMimeByAServerOpensOneCaseAndSendsOneReply() throws Exception {
        MimeMessage message = application("Please find attached.\nRegards");
        MimeMessage again = writtenAnew(message);
        String first = new String(Mails.bytes(message), java.nio.charset.StandardCharsets.ISO_8859_1);
        String second = new String(Mails.bytes(again), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(second).contains("Message-ID: <same-id@university.test>", "quoted-printable", "=?iso-8859-1?Q?")
                .doesNotContain(first.substring(first.indexOf("boundary=\"") + 10, first.indexOf("boundary=\"") + 30));
        sendBySmtp(message);
        Thread.sleep(1_100);
        sendBySmtp(again);
        assertThat(inbox()).hasSize(2);

        harness.start();
        harness.awaitFolder("Processed", 2);
        harness.awaitIdle();
        assertThat(cases()).hasSize(1);
        assertThat(harness.repliesTo(GatewayHarness.APPLICANT)).hasSize(1);
    }

    @Test
    void twoDifferentMessagesWithTheSameMessageIdOpenTwoCases() throws Exception {
        sendBySmtp(application("Please find attached."));
        sendBySmtp(application("Here is a different application, sent with the same Message-ID."));
        assertThat(inbox()).hasSize(2).allSatisfy(raw -> assertThat(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("Message-ID: <same-id@university.test>"));
        harness.start();
        harness.awaitFolder("Processed", 2);
        harness.awaitIdle();
        assertThat(cases()).hasSize(2);
        assertThat(harness.repliesTo(GatewayHarness.APPLICANT)).hasSize(2);
    }
}
