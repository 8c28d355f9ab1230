package uk.gov.education.datasharing.intake;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (Debian's) scrapes the running gateway every second with the shipped alert rules. A first reply
 * goes out; then the SMTP server is stopped, the next reply waits and fails, and IntakeOutboxFailing fires in
 * Prometheus's API; once the SMTP server is started again and the reply sent, it resolves.
 */
@Timeout(300)
class PrometheusAlertIT extends GatewayITSupport {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private final HttpClient http = HttpClient.newHttpClient();

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The states of the named alert in Prometheus's API now ("pending", "firing"); empty when it is not active. */
    private List<String> alertStates(int port, String name) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> states = new ArrayList<>();
        for (JsonNode alert : new ObjectMapper().readTree(body).path("data").path("alerts")) {
            if (alert.path("labels").path("alertname").asText().equals(name)) {
                states.add(alert.path("state").asText());
            }
        }
        return states;
    }

    @Test
    void theOutboxAlertFiresWhileSmtpIsDownAndResolvesWhenItIsBack() throws Exception {
        Requires.present(Files.isExecutable(PROMETHEUS), "prometheus (Debian's prometheus)");
        int smtpPort = freePort();
        harness.set("intake.smtp.port", String.valueOf(smtpPort));
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached.",
                "form.docx", Documents.docx("an application")));
        harness.start();
        GreenMail first = smtp;
        await().atMost(Duration.ofSeconds(30)).until(() -> first.getReceivedMessages().length == 1);

        int prometheusPort = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + Path.of("ops/prometheus/intake-alerts.yml").toAbsolutePath(),
                "scrape_configs:",
                "  - job_name: intake-gateway",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + harness.gateway().managementPort() + "']",
                ""));
        Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + prometheusPort).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> alertStates(prometheusPort, "IntakeOutboxFailing") != null);
            assertThat(alertStates(prometheusPort, "IntakeOutboxFailing")).isEmpty();
            smtp.stop();
            harness.deliver(Mails.withAttachments("second@university.test", GatewayHarness.MAILBOX, "Application", "Attached.",
                    "form.docx", Documents.docx("another application")));
            harness.awaitFolder("Processed", 2);
            // the rule waits one minute of failing sends before it fires
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> alertStates(prometheusPort, "IntakeOutboxFailing").contains("firing"));

            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            GreenMail server = smtp;
            await().atMost(Duration.ofSeconds(30)).until(() -> server.getReceivedMessages().length >= 1);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> alertStates(prometheusPort, "IntakeOutboxFailing").isEmpty());
            assertThat(alertStates(prometheusPort, "IntakeGatewayDown")).isEmpty();
        } finally {
            prometheus.destroy();
            smtp.stop();
        }
    }
}
