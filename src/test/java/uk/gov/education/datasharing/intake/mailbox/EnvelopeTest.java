package uk.gov.education.datasharing.intake.mailbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30) // hostile input: a regression into a hang fails here instead of hanging the build
class EnvelopeTest {

    private static Envelope read(String headers) throws Exception {
        String raw = headers + "Subject: hello\r\n\r\nbody\r\n";
        return Envelope.read(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldReadTheSenderInLowerCase() throws Exception {
        assertThat(read("From: \"Dr A\" <A.Researcher@Uni.TEST>\r\n").sender()).contains("a.researcher@uni.test");
    }

    @Test
    void shouldHaveNoSenderWhenFromIsMissingDoubledOrMalformed() throws Exception {
        assertThat(read("").sender()).isEmpty();
        assertThat(read("From: a@b.test, c@d.test\r\n").sender()).isEmpty();
        assertThat(read("From: a@b.test\r\nFrom: c@d.test\r\n").sender()).isEmpty();
        assertThat(read("From: not an address\r\n").sender()).isEmpty();
        assertThat(read("From: <" + "a".repeat(5000) + "@b.test>\r\n").sender()).isEmpty();
    }

    @Test
    void shouldBoundTheMessageIdsItReads() throws Exception {
        StringBuilder references = new StringBuilder("References:");
        for (int i = 0; i < 500; i++) {
            references.append(" <id").append(i).append("@x.test>");
        }
        Envelope envelope = read("From: a@b.test\r\n" + references + "\r\n");
        assertThat(envelope.referencedMessageIds()).hasSize(Envelope.MAX_REFERENCED_IDS);
    }

    @Test
    void shouldReadReportsListsAndEmptyReturnPaths() throws Exception {
        Envelope envelope = read("From: a@b.test\r\nReturn-Path: < >\r\nList-Unsubscribe: <mailto:x@y.test>\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n");
        assertThat(envelope.emptyReturnPath()).isTrue();
        assertThat(envelope.listMessage()).isTrue();
        assertThat(envelope.deliveryReport()).isTrue();
    }

    /** Issue 9: a group as the sender made the reply go to every member. */
    @Test
    void aGroupOrAnythingButOnePlainMailboxIsNoSender() throws Exception {
        assertThat(read("From: notice: a@victim.test, b@victim.test, c@victim.test;\r\n").sender()).isEmpty();
        assertThat(read("From: undisclosed-recipients:;\r\n").sender()).isEmpty();
        assertThat(read("From: \"a@victim.test, b\"@evil.test\r\n").sender()).isEmpty();
        assertThat(read("From: a@localhost\r\n").sender()).isEmpty();
        assertThat(read("From: Applicant <applicant@university.ac.uk>\r\n").sender()).contains("applicant@university.ac.uk");
    }

    @Test
    void authenticationResultsAreKeptTopFirstAndBounded() throws Exception {
        StringBuilder headers = new StringBuilder("From: a@b.test\r\n");
        for (int i = 0; i < 30; i++) {
            headers.append("Authentication-Results: mx").append(i).append(".test; dmarc=pass\r\n");
        }
        Envelope envelope = read(headers.toString());
        assertThat(envelope.authenticationResults()).hasSize(Envelope.MAX_AUTHENTICATION_RESULTS);
        assertThat(envelope.authenticationResults().get(0)).startsWith("mx0.test;");
    }
}
