package uk.gov.education.datasharing.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import uk.gov.education.datasharing.intake.validate.Forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The management port after a known sequence of messages: exact counts in /metrics, and each readiness check's state. */
@Timeout(120)
class OperationsEndpointsIT extends GatewayITSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.gateway().managementPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Each sample line "name{labels} value" by its name with labels; comments left out. */
    private Map<String, Double> metrics() throws Exception {
        Map<String, Double> samples = new HashMap<>();
        for (String line : get("/metrics").body().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int space = line.lastIndexOf(' ');
                String value = line.substring(space + 1);
                samples.put(line.substring(0, space), value.equals("+Inf") ? Double.POSITIVE_INFINITY
                        : value.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(value));
            }
        }
        return samples;
    }

    @Test
    void afterAKnownSequenceOfMessagesTheMetricsCountExactly() throws Exception {
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached.",
                "application-form.docx", Documents.form(Forms.srsApplication()), "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias")));
        harness.deliver(Mails.withAttachments("second@university.test", GatewayHarness.MAILBOX, "Application", "Attached.",
                "application-form.docx", Documents.docm()));
        harness.deliver("Auto-Submitted: auto-replied\r\n" + Mails.withAttachments("ooo@university.test", GatewayHarness.MAILBOX,
                "Out of office", "Away.", "note.txt", "away".getBytes()));
        harness.start();
        harness.awaitFolder("Processed", 1);
        harness.awaitFolder("Quarantine", 1);
        harness.awaitFolder("Ignored", 1);
        harness.awaitIdle();
        await().until(() -> metrics().get("intake_replies{state=\"sent\"}") == 2.0);

        Map<String, Double> m = metrics();
        assertThat(m).containsEntry("intake_messages{state=\"processed\"}", 1.0).containsEntry("intake_messages{state=\"quarantined\"}", 1.0)
                .containsEntry("intake_messages{state=\"ignored\"}", 1.0).containsEntry("intake_messages{state=\"in_progress\"}", 0.0)
                .containsEntry("intake_message_attempts_total", 3.0).containsEntry("intake_message_failures_total", 0.0)
                .containsEntry("intake_replies{state=\"sent\"}", 2.0).containsEntry("intake_replies{state=\"pending\"}", 0.0)
                .containsEntry("intake_outbox_oldest_pending_age_seconds", 0.0)
                .containsEntry("intake_cases{outcome=\"accepted\"}", 1.0).containsEntry("intake_cases{outcome=\"quarantined\"}", 1.0)
                .containsEntry("intake_cases{outcome=\"defects\"}", 0.0)
                .containsEntry("intake_quarantined_cases", 1.0)
                .containsEntry("intake_replies_refused{reason=\"reply_cap_domain\"}", 0.0)
                .containsEntry("intake_findings{code=\"file_has_macros\"}", 1.0)
                // the quarantined message is recorded too (its case, QUARANTINED); the ignored one ends at screening
                .containsEntry("intake_stage_duration_seconds_count{stage=\"record\"}", 2.0)
                .containsEntry("intake_stage_duration_seconds_count{stage=\"screen\"}", 3.0)
                .containsEntry("intake_stage_duration_seconds_bucket{stage=\"screen\",le=\"+Inf\"}", 3.0)
                .containsEntry("intake_stage_duration_seconds_count{stage=\"extract\"}", 2.0);
        assertThat(m.get("intake_quarantine_oldest_age_seconds")).isGreaterThan(0.0).isLessThan(60.0);
        // INBOX is read with a login of its own at most every 15 s
        await().atMost(java.time.Duration.ofSeconds(40)).until(() -> metrics().get("intake_inbox_messages") == 0.0);
        assertThat(metrics()).containsEntry("intake_inbox_oldest_age_seconds", 0.0);
        assertThat(m.get("intake_last_poll_success_timestamp_seconds")).isGreaterThan(System.currentTimeMillis() / 1000.0 - 60);
        assertThat(m.keySet()).anyMatch(k -> k.startsWith("intake_team_key_expiry_days{key=\""));
        assertThat(get("/metrics").body()).doesNotContain(GatewayHarness.APPLICANT, "DSI-", "application-form");
    }

    @Test
    void healthSaysLiveAndReadyWithEachChecksState() throws Exception {
        harness.start();
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ready.body());
        assertThat(body.get("checks").fieldNames()).toIterable().containsExactly("imap", "smtp", "database", "store", "team-keys", "schemas");
        body.get("checks").forEach(check -> assertThat(check.asText()).isEqualTo("UP"));
        assertThat(get("/health/ready").headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void theGatewaysOwnReconciliationIsAMetricThatCountsAMessageMovedByHand() throws Exception {
        harness.set("intake.reconcile.interval-seconds", "1").set("intake.reconcile.settle-seconds", "0");
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached.",
                "application-form.docx", Documents.form(Forms.srsApplication()), "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias")));
        harness.start();
        harness.awaitFolder("Processed", 1);
        harness.awaitIdle();
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> metrics().get("intake_reconcile_discrepancies") == 0.0);

        var settings = harness.settings();
        try (jakarta.mail.Store store = jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap")) {
            store.connect(settings.get("intake.imap.host"), Integer.parseInt(settings.get("intake.imap.port")),
                    settings.get("intake.imap.username"), settings.get("intake.imap.password"));
            jakarta.mail.Folder processed = store.getFolder("Processed");
            processed.open(jakarta.mail.Folder.READ_WRITE);
            jakarta.mail.Folder ignored = store.getFolder("Ignored");
            if (!ignored.exists()) {
                ignored.create(jakarta.mail.Folder.HOLDS_MESSAGES);
            }
            processed.copyMessages(processed.getMessages(), ignored);
            for (jakarta.mail.Message message : processed.getMessages()) {
                message.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            }
            processed.close(true);
        }
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> metrics().get("intake_reconcile_discrepancies") == 1.0);
        assertThat(metrics().get("intake_reconcile_last_run_timestamp_seconds")).isGreaterThan(System.currentTimeMillis() / 1000.0 - 30);
    }

    @Test
    void aCappedReplyIsCountedAsRefusedWithItsReason() throws Exception {
        harness.set("intake.replies.per-domain-per-hour", "1");
        for (String sender : new String[] {"first@university.test", "second@university.test"}) {
            harness.deliver(Mails.withAttachments(sender, GatewayHarness.MAILBOX, "Application", "Attached.",
                    "application-form.docx", Documents.form(Forms.srsApplication())));
        }
        harness.start();
        harness.awaitFolder("Processed", 2);
        harness.awaitIdle();
        await().until(() -> metrics().get("intake_replies{state=\"sent\"}") == 1.0);
        assertThat(metrics()).containsEntry("intake_replies_refused{reason=\"reply_cap_domain\"}", 1.0)
                .containsEntry("intake_replies_refused{reason=\"reply_cap_total\"}", 0.0)
                .containsEntry("intake_replies{state=\"refused\"}", 1.0);
    }

    @Test
    void readinessIsDownNamingTheCheckWhenTheScannerDoesNotAnswer() throws Exception {
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        harness.set("intake.scanner", "clamd").set("intake.scanner.clamd.port", String.valueOf(closed))
                .set("intake.scanner.clamd.timeout-seconds", "2");
        harness.start();
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ready.body());
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.get("checks").get("scanner").asText()).startsWith("DOWN: ");
        assertThat(body.get("checks").get("database").asText()).isEqualTo("UP");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(metrics()).containsEntry("intake_scanner_up", 0.0);
    }
}
