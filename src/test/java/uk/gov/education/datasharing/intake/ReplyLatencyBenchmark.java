package uk.gov.education.datasharing.intake;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledgement latency with the production defaults (poll every 5 s, outbox every 2 s): one message a second for a
 * minute, each from its own address, timed from delivery into the mailbox to the reply reaching the sender's mailbox
 * (GreenMail), with IMAP IDLE on (the default) and off. Run with
 * {@code mvn -B verify -Pbenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ReplyLatencyBenchmark}.
 */
class ReplyLatencyBenchmark extends GatewayITSupport {

    static final int MESSAGES = 60;

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void acknowledgementLatencyAtOneMessageASecondWithIdle() throws Exception {
        BenchmarkSupport.report("latency", measure(true));
    }

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void acknowledgementLatencyAtOneMessageASecondWithoutIdle() throws Exception {
        BenchmarkSupport.report("latency", measure(false));
    }

    private String measure(boolean idle) throws Exception {
        harness.set("intake.imap.poll-delay-ms", "5000").set("intake.outbox.poll-interval-ms", "2000")
                .set("intake.imap.idle", Boolean.toString(idle)).start();
        harness.deliver(IntakeReliabilityIT.application("warm-up@warm.test", "Warm up"));
        harness.awaitReplies("warm-up@warm.test", 1);
        long[] sent = new long[MESSAGES];
        long[] latency = new long[MESSAGES];
        int answered = 0;
        long start = System.nanoTime();
        int next = 0;
        while (answered < MESSAGES) {
            long now = System.nanoTime();
            if (next < MESSAGES && now - start >= next * 1_000_000_000L) {
                sent[next] = System.nanoTime();
                harness.deliver(IntakeReliabilityIT.application(sender(next), "Application " + next));
                next++;
            }
            for (int i = 0; i < next; i++) {
                if (latency[i] == 0 && !harness.repliesTo(sender(i)).isEmpty()) {
                    latency[i] = System.nanoTime() - sent[i];
                    answered++;
                }
            }
            Thread.sleep(5);
        }
        Arrays.sort(latency);
        assertThat(latency[0]).isPositive();
        return String.format(Locale.ROOT, "%s reply latency, IDLE %s, %d messages at 1/s, defaults (poll 5 s, outbox 2 s): "
                        + "p50 %.2f s  p95 %.2f s  max %.2f s%n", Instant.now(), idle ? "on" : "off", MESSAGES, latency[MESSAGES / 2] / 1e9,
                latency[MESSAGES * 95 / 100] / 1e9, latency[MESSAGES - 1] / 1e9);
    }

    private static String sender(int i) {
        return "applicant" + i + "@university" + i + ".test";
    }
}
