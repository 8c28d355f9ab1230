package uk.gov.education.datasharing.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.Route;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two mailbox consumers on one INBOX (docs/adr/0021), on a real IMAP server (Dovecot; replies go to GreenMail's SMTP): each
 * message is taken by exactly one of them, both take messages, and two different messages that carry the same Message-ID
 * are both processed.
 */
class MailboxConsumersIT extends GatewayITSupport {

    private static final int MESSAGES = 30;
    private static final String USER = "data.sharing";
    private Dovecot dovecot;

    @BeforeEach
    void startDovecot() throws Exception {
        dovecot = Dovecot.withPassword(dir.resolve("dovecot"), "mailbox-password");
        harness.set("intake.imap.host", "127.0.0.1").set("intake.imap.port", String.valueOf(dovecot.port))
                .set("intake.imap.username", USER).set("intake.imap.password", "mailbox-password").set("intake.imap.consumers", "2");
    }

    @AfterEach
    void stopDovecot() throws Exception {
        harness.stopGateway();
        dovecot.close();
    }

    /** Counts the exchanges each mailbox consumer's route finished. */
    static final class ExchangesByRoute extends EventNotifierSupport {
        final Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeCompletedEvent done && done.getExchange().getFromRouteId() != null
                    && done.getExchange().getFromRouteId().startsWith("intake-mailbox")) {
                completed.computeIfAbsent(done.getExchange().getFromRouteId(), r -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    private static String sender(int i) {
        return "applicant" + i + "@university" + i + ".test";
    }

    @Test
    @Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
    void everyMessageIsTakenByExactlyOneOfTwoConsumersAndBothTakeMessages() throws Exception {
        Gateway gateway = harness.start();
        assertThat(gateway.camelContext().getRoutes()).extracting(Route::getRouteId)
                .contains("intake-mailbox-1", "intake-mailbox-2");
        ExchangesByRoute byRoute = new ExchangesByRoute();
        byRoute.start();
        gateway.camelContext().getManagementStrategy().addEventNotifier(byRoute);

        List<String> raws = new java.util.ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String raw = IntakeReliabilityIT.application(sender(i), "Application " + i);
            if (i % 10 == 0) { // a few share one Message-ID: a sender can write any, so it must not decide what is taken
                raw = raw.replaceFirst("Message-ID: <[^>]+>", "Message-ID: <same@applicant.test>");
            }
            raws.add(raw);
        }
        dovecot.deliverAll(USER, raws);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> dovecot.count(USER, "Processed") >= MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            harness.awaitReplies(sender(i), 1);
        }
        harness.awaitIdle();

        assertThat(dovecot.count(USER, "INBOX")).isZero();
        assertThat(dovecot.count(USER, "Processed")).as("each message moved once").isEqualTo(MESSAGES);
        assertThat(cases()).hasSize(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            List<String> ids = harness.repliesTo(sender(i)).stream().map(PackagedGatewayIT::messageId).toList();
            assertThat(ids).as("replies to message " + i).hasSize(1);
        }
        assertThat(byRoute.completed.keySet()).containsExactlyInAnyOrder("intake-mailbox-1", "intake-mailbox-2");
        assertThat(byRoute.completed.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(MESSAGES);
    }

    @Test
    @Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
    void oneConsumerCanBeConfigured() throws Exception {
        harness.set("intake.imap.consumers", "1");
        Gateway gateway = harness.start();
        assertThat(gateway.camelContext().getRoutes()).extracting(Route::getRouteId).filteredOn(id -> id.startsWith("intake-mailbox"))
                .containsExactly("intake-mailbox-1");
        dovecot.deliverAll(USER, List.of(IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Application")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> dovecot.count(USER, "Processed") == 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
    }
}
