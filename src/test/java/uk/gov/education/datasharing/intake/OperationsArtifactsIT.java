package uk.gov.education.datasharing.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What ops/ ships, checked against the running gateway: the alert rules pass promtool's check and unit tests,
 * every alert has its runbook section, and every metric the alerts and the Grafana dashboard ask for is one the
 * gateway exports.
 */
@Timeout(120)
class OperationsArtifactsIT extends GatewayITSupport {

    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final Path RULES = Path.of("ops/prometheus/intake-alerts.yml");
    private static final Pattern METRIC = Pattern.compile("\\b(intake_[a-z0-9_]+)");
    private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\w+)");

    private static String promtool(String... args) throws Exception {
        Requires.present(Files.isExecutable(PROMTOOL), "promtool (Debian's prometheus)");
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(Path.of("ops/prometheus").toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void theAlertRulesPassPromtoolsCheckAndUnitTests() throws Exception {
        assertThat(promtool("check", "rules", "intake-alerts.yml")).contains("SUCCESS: 12 rules found");
        assertThat(promtool("test", "rules", "intake-alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void everyAlertHasARunbookSectionAndATest() throws Exception {
        String rules = Files.readString(RULES);
        String runbook = Files.readString(Path.of("ops/RUNBOOK.md"));
        String tests = Files.readString(Path.of("ops/prometheus/intake-alerts.test.yml"));
        List<String> alerts = ALERT.matcher(rules).results().map(m -> m.group(1)).toList();
        assertThat(alerts).hasSize(12);
        for (String alert : alerts) {
            assertThat(runbook).as(alert).contains("### " + alert + "\n");
            assertThat(tests).as(alert).contains("alertname: " + alert + "\n");
        }
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardAskForIsExported() throws Exception {
        harness.start();
        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + harness.gateway().managementPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Set<String> exported = new HashSet<>();
        scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> exported.add(l.split("[{ ]", 2)[0]));

        Set<String> asked = new HashSet<>(metrics(Files.readString(RULES)));
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("ops/grafana/intake-dashboard.json").toFile());
        List<String> expressions = dashboard.findValuesAsText("expr");
        assertThat(expressions).hasSizeGreaterThan(10);
        expressions.forEach(e -> asked.addAll(metrics(e)));
        assertThat(asked).hasSizeGreaterThan(10);
        assertThat(exported).containsAll(asked);
    }

    private static List<String> metrics(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
