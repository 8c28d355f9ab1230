package uk.gov.education.datasharing.intake;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.store.Outbox;

import static org.assertj.core.api.Assertions.assertThat;

/** The mailbox is the queue: nothing lost, nothing done twice, nothing steered by the sender. */
class IntakeReliabilityIT extends GatewayITSupport {

    static String application(String from, String subject) {
        return Mails.withAttachments(from, GatewayHarness.MAILBOX, subject, "Please find attached.",
                "form.docx", ("form " + subject).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldOpenOneCaseAndSendOneReplyWhenTheSameMessageArrivesTwice() throws Exception {
        String raw = application(GatewayHarness.APPLICANT, "Application");
        harness.deliver(raw);
        harness.deliver(raw);
        harness.start();

        harness.awaitFolder("Processed", 2);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        harness.awaitIdle();
        assertThat(harness.repliesTo(GatewayHarness.APPLICANT)).hasSize(1);
        assertThat(cases()).hasSize(1);
        assertThat(harness.count("INBOX")).isZero();
    }

    @Test
    void shouldIgnoreHeadersThatTryToSteerTheMailbox() throws Exception {
        harness.deliver("moveTo: Hijacked\r\ncopyTo: Copied\r\ndelete: true\r\nCamelFileName: ../../escape\r\n"
                + "CamelMailMoveTo: Hijacked2\r\nReply-To: attacker@evil.test\r\nBcc: victim@elsewhere.test\r\n"
                + "X-Injected: yes\r\nPrecedence: first-class\r\n" + application(GatewayHarness.APPLICANT, "Application"));
        harness.start();

        harness.awaitFolder("Processed", 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        MimeMessage reply = harness.repliesTo(GatewayHarness.APPLICANT).get(0);
        assertThat(reply.getAllRecipients()).extracting(Object::toString).containsExactly(GatewayHarness.APPLICANT);
        assertThat(reply.getHeader("X-Injected")).isNull();
        assertThat(reply.getHeader("Reply-To")).isNull();
        assertThat(reply.getHeader("Precedence")).isNull();
        assertThat(harness.repliesTo("attacker@evil.test")).isEmpty();
        assertThat(harness.repliesTo("victim@elsewhere.test")).isEmpty();
        assertThat(harness.folders()).doesNotContain("Hijacked", "Copied", "Hijacked2");
        assertThat(harness.count("INBOX")).isZero();
        assertThat(cases()).hasSize(1);
        assertThat(Files.exists(dir.resolve("escape"))).isFalse();
    }

    @Test
    void shouldQuarantineAMessageThatKeepsFailingWithoutBlockingTheOthers() throws Exception {
        String poison = application("poison@sender.test", "Broken");
        PoisonTrigger.install(harness, IntakeEndToEndIT.sha256(Mails.bytes(Mails.parse(poison))));
        harness.deliver(poison);
        harness.deliver(application(GatewayHarness.APPLICANT, "First"));
        harness.deliver(application("other@college.test", "Second"));
        harness.set("intake.limits.max-attempts", "2").start();

        harness.awaitFolder("Quarantine", 1);
        harness.awaitFolder("Processed", 2);
        assertThat(harness.count("INBOX")).isZero();
        List<CaseSummary> cases = cases();
        assertThat(cases).hasSize(3);
        CaseSummary quarantined = cases.stream().filter(c -> c.status() == CaseStatus.QUARANTINED).findFirst().orElseThrow();
        assertThat(quarantined.outcome()).isEqualTo(Outcome.QUARANTINED);
        assertThat(quarantined.flags()).containsExactly("PROCESSING_FAILED");
        String poisonSha = IntakeEndToEndIT.sha256(Mails.bytes(Mails.parse(poison)));
        assertThat(IntakeEndToEndIT.objectPath(dir.resolve("store"), poisonSha)).exists();
        harness.awaitIdle();
        assertThat(harness.repliesTo("poison@sender.test")).isEmpty();

    }

    @Test
    void shouldReportAFileThatCannotBeDecodedAndKeepTheRest() throws Exception {
        // A base64 attachment with characters base64 does not have; the decoder's message quotes them.
        String broken = Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached",
                "broken.pdf", new byte[] {1, 2, 3}, "good.pdf", new byte[] {4, 5, 6})
                .replaceFirst("(?s)(Content-Transfer-Encoding: base64\r\n\r\n)[^\r]*", "$1!!!!not*base64!!!!");
        harness.deliver(broken);
        harness.start();

        harness.awaitFolder("Processed", 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        String text = (String) ((jakarta.mail.internet.MimeMultipart) harness.repliesTo(GatewayHarness.APPLICANT).get(0).getContent())
                .getBodyPart(0).getContent();
        assertThat(text.replace("\r\n", "\n")).contains("Files we received (1)", "good.pdf", "broken.pdf\n- We could not read this file");
        assertThat(Files.readString(java.nio.file.Path.of("target/test-logs/gateway.log"), StandardCharsets.ISO_8859_1))
                .as("decoder messages quoting the content must not reach the log").doesNotContain("not*base64", "base64!!");
    }

    @Test
    void shouldSendTheReplyOnceWhenTheSmtpServerComesBack() throws Exception {
        int smtpPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            smtpPort = probe.getLocalPort();
        }
        harness.set("intake.smtp.port", String.valueOf(smtpPort));
        harness.deliver(application(GatewayHarness.APPLICANT, "Application"));
        harness.start();
        harness.awaitFolder("Processed", 1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                harness.gateway().database().inTransaction(c -> new Outbox(harness.gateway().sealer()).due(c, java.time.Instant.now().plusSeconds(60), 10))
                        .stream().anyMatch(p -> p.attempts() >= 1));

        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length >= 1);
            harness.awaitIdle();
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getSubject()).contains(cases().get(0).reference());
        } finally {
            smtp.stop();
        }
    }

    @Test
    void shouldRecordButNeverAnswerAutomaticMail() throws Exception {
        String human = "human@university.test";
        harness.deliver("Auto-Submitted: auto-replied\r\n" + application("ooo@university.test", "Out of office"));
        harness.deliver("Precedence: bulk\r\n" + application("bulk@university.test", "Newsletter"));
        harness.deliver("List-Id: <research.lists.test>\r\n" + application("list@university.test", "List"));
        harness.deliver("Return-Path: <>\r\n" + application("bounce@university.test", "Undeliverable"));
        harness.deliver(application(GatewayHarness.MAILBOX, "Loop"));
        harness.deliver(Mails.withHeaders("", "From: MAILER-DAEMON@mx.test\r\nTo: " + GatewayHarness.MAILBOX
                + "\r\nSubject: Delivery Status Notification\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n--r\r\n"
                + "Content-Type: text/plain\r\n\r\nfailed\r\n--r--\r\n"));
        harness.deliver("Auto-Submitted: no\r\n" + application(human, "Application"));
        harness.start();

        harness.awaitFolder("Ignored", 6);
        harness.awaitFolder("Processed", 1);
        harness.awaitReplies(human, 1);
        harness.awaitIdle();
        assertThat(harness.allReplies()).hasSize(1);
        assertThat(cases()).hasSize(1);
    }

    @Test
    void shouldStopReplyingToASenderPastTheDailyLimit() throws Exception {
        for (int i = 1; i <= 3; i++) {
            harness.deliver(application(GatewayHarness.APPLICANT, "Message " + i));
        }
        harness.set("intake.replies.per-sender-per-day", "2").start();

        harness.awaitFolder("Processed", 2);
        harness.awaitFolder("Ignored", 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 2);
        harness.awaitIdle();
        assertThat(harness.repliesTo(GatewayHarness.APPLICANT)).hasSize(2);
    }

    @Test
    void shouldFinishEveryMessageOnceAcrossARestart() throws Exception {
        int total = 8;
        for (int i = 1; i <= total; i++) {
            harness.deliver(application("sender" + i + "@university.test", "Application " + i));
        }
        harness.set("intake.imap.max-messages-per-poll", "2").start();
        harness.awaitFolder("Processed", 1);
        harness.stopGateway();
        harness.start();

        harness.awaitFolder("Processed", total);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> harness.allReplies().size() >= total);
        harness.awaitIdle();
        assertThat(cases()).hasSize(total);
        assertThat(harness.allReplies()).hasSize(total);
        assertThat(harness.count("INBOX")).isZero();
    }
}
