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
 * case with one reply; two different messages with the same Message-ID open two.
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
