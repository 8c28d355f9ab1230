package uk.gov.education.datasharing.intake;

import java.util.Arrays;

import jakarta.mail.Address;
import jakarta.mail.Message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9, through a real mail server: senders the mail client cannot even parse, and groups, get no reply and cannot loop. */
@Timeout(120) // hostile input: a regression into a hang fails here instead of hanging the build
class HostileSendersIT extends GatewayITSupport {

    @Test
    void messagesWhoseSenderCannotBeParsedAreCountedAndLeaveTheInbox() throws Exception {
        String[] senders = {"From: <<<@@@>>>", "From: =?utf-8?q?=FF=FE?= <\u0001@\u0002>", "From: \"unterminated <a@b.test>",
                "From: a@b.test\r\nFrom: c@d.test", "From: ((((((((((((((((((((", "From: notice: a@victim.test, b@victim.test;"};
        for (String from : senders) {
            harness.deliver(from + "\r\nTo: " + GatewayHarness.MAILBOX + "\r\nSubject: hello\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain\r\n\r\nhi\r\n");
        }
        harness.start();
        harness.awaitFolder("Ignored", senders.length);
        harness.awaitIdle();
        assertThat(harness.count("INBOX")).isZero();
        assertThat(Arrays.stream(harness.mail.getReceivedMessages()).flatMap(m -> recipients(m).stream()))
                .noneMatch(address -> address.contains("victim.test") || address.contains("b.test") || address.contains("d.test"));
    }

    private static java.util.List<String> recipients(Message message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null ? java.util.List.of() : Arrays.stream(to).map(Address::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            return java.util.List.of();
        }
    }
}
