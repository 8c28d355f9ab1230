package uk.gov.education.datasharing.intake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * New mail is learnt of through IMAP IDLE and its reply leaves when it is queued, not at the next timer: with both
 * timers set to ten minutes, a message delivered while the gateway runs is still answered. With IDLE off, the timed
 * poll alone does the work.
 */
class MailboxIdleIT extends GatewayITSupport {

    @Test
    void idleWakesThePollAndAQueuedReplyWakesTheOutbox() throws Exception {
        harness.deliver(IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Before start"));
        harness.set("intake.imap.poll-delay-ms", "600000").set("intake.outbox.poll-interval-ms", "600000").start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);

        harness.deliver(IntakeReliabilityIT.application("second@college.test", "While running"));
        harness.awaitFolder("Processed", 2);
        harness.awaitReplies("second@college.test", 1);
        harness.deliver(IntakeReliabilityIT.application("third@college.test", "And another"));
        harness.awaitReplies("third@college.test", 1);
        harness.awaitFolder("Processed", 3);
        assertThat(harness.count("INBOX")).isZero();
    }

    @Test
    void withIdleOffTheMailboxIsStillPolledOnItsTimer() throws Exception {
        harness.set("intake.imap.idle", "false").set("intake.imap.poll-delay-ms", "300").start();
        harness.deliver(IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Polled"));
        harness.awaitFolder("Processed", 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
    }
}
