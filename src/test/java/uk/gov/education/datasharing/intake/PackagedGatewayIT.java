package uk.gov.education.datasharing.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.validate.Forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged {@code run} command in its own JVM, configured only by environment variables: within a
 * 256 MB heap for a 30 MB message, and killed (SIGKILL) mid-stream then restarted without losing or
 * repeating anything. And the packaged {@code validate --json}, whose stdout must be JSON alone while
 * libraries log.
 */
class PackagedGatewayIT extends GatewayITSupport {

    private static final Path JAR = Path.of("target/intake-gateway.jar");
    private Process child;
    private Path childLog;

    @BeforeEach
    void requireJar() {
        assumeTrue(Files.exists(JAR), "run after `mvn package`");
    }

    @AfterEach
    void stopChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    private void startChild(String maxHeap) throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        harness.settings().asProperties().forEach((k, v) -> {
            String key = (String) k;
            if (key.startsWith("intake.")) {
                env.put(Settings.environmentName(key), (String) v);
            }
        });
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError",
                "-jar", JAR.toString(), "run"));
        childLog = dir.resolve("child-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(childLog.toFile());
        builder.environment().putAll(env);
        child = builder.start();
    }

    static String messageId(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void shouldProcessA30MegabyteMessageWithin256MegabytesOfHeap() throws Exception {
        byte[] large = new byte[22 * 1024 * 1024];
        new Random(30).nextBytes(large);
        String raw = Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Large application", "Large file attached",
                "npd-data-tables.xlsx", large);
        assertThat(raw.length()).isGreaterThan(30_000_000);
        harness.deliver(raw);
        startChild("256m");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> harness.count("Processed") == 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        assertThat(child.isAlive()).as("gateway still running; log: " + childLog).isTrue();
        assertThat(TestKeys.decrypt(IntakeEndToEndIT.objectPath(dir.resolve("store"), IntakeEndToEndIT.sha256(large)))).isEqualTo(large);
    }

    @Test
    void shouldInspectA25MegabyteWorkbookAndAFiftyFileMessageWithin256MegabytesOfHeap() throws Exception {
        Path workbook = dir.resolve("large.xlsx");
        Documents.largeNpdWorkbook(workbook, 360_000, 25);
        long workbookSize = Files.size(workbook);
        assertThat(workbookSize).isBetween(25_000_000L, 31_000_000L);
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Large workbook", "Attached",
                "npd-data-tables.xlsx", Files.readAllBytes(workbook)));
        Object[] fifty = new Object[100];
        byte[] form = Documents.docx("Information security questionnaire", "Question 1");
        byte[] tables = Documents.npdWorkbook("NPDAlias");
        byte[] evidence = Documents.pdf("Data sharing agreement between A and B");
        for (int i = 0; i < 50; i++) {
            fifty[2 * i] = "file-" + i + (i % 3 == 0 ? ".docx" : i % 3 == 1 ? ".xlsx" : ".pdf");
            fifty[2 * i + 1] = i % 3 == 0 ? form : i % 3 == 1 ? tables : evidence;
        }
        harness.deliver(Mails.withAttachments("other@university.test", GatewayHarness.MAILBOX, "Fifty files", "Attached", fifty));
        startChild("256m");

        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).until(() -> harness.count("Processed") == 2);
        assertThat(child.isAlive()).as("gateway still running; log: " + childLog).isTrue();
        child.destroy();
        child.waitFor();
        assertThat(Files.readString(childLog)).doesNotContain("OutOfMemoryError");
        GatewayConfig.Db db = GatewayConfig.db(harness.settings());
        try (Database database = new Database(db.url(), db.username(), db.password(), db.schema())) {
            List<uk.gov.education.datasharing.intake.model.ReceivedFile> files = database.inTransaction(c -> {
                Cases cases = new Cases(harness.sealer());
                List<uk.gov.education.datasharing.intake.model.ReceivedFile> all = new ArrayList<>();
                for (CaseSummary summary : cases.list(c, 10)) {
                    all.addAll(cases.submissions(c, summary.reference()).get(0).files());
                }
                return all;
            });
            assertThat(files).hasSize(51);
            assertThat(files).allSatisfy(f -> assertThat(f.check().verdict())
                    .isEqualTo(uk.gov.education.datasharing.intake.model.FileCheck.Verdict.ACCEPTED));
            assertThat(files).filteredOn(f -> f.size() == workbookSize).singleElement()
                    .satisfies(f -> assertThat(f.check().kind()).isEqualTo(uk.gov.education.datasharing.intake.model.DocumentKind.DATA_TABLES_NPD));
        }
    }

    @Test
    void shouldFinishEveryMessageExactlyOnceAfterBeingKilledMidStream() throws Exception {
        int total = 12;
        Random random = new Random(12);
        for (int i = 1; i <= total; i++) {
            byte[] file = new byte[1_500_000];
            random.nextBytes(file);
            harness.deliver(Mails.withAttachments("sender" + i + "@university.test", GatewayHarness.MAILBOX, "Application " + i,
                    "Attached", "tables.xlsx", file));
        }
        harness.set("intake.imap.max-messages-per-poll", "3");
        startChild("256m");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> harness.count("Processed") >= 2);
        child.destroyForcibly().waitFor();
        int processedAtKill = harness.count("Processed");
        assertThat(processedAtKill).as("killed mid-stream").isLessThan(total);

        startChild("256m");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> harness.count("Processed") == total);
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.allReplies().size() >= total);
        child.destroy();
        child.waitFor(); // the gateway is gone: nothing more can be processed or sent, so no wait is needed before counting

        assertThat(harness.count("INBOX")).isZero();
        // one reply per message; a reply the kill caught between the SMTP server's acceptance and our record of it is
        // sent again with the same Message-ID (at-least-once, docs/adr/0004): the receiving server can drop the copy
        List<String> replyIds = harness.allReplies().stream().map(PackagedGatewayIT::messageId).toList();
        assertThat(replyIds.stream().distinct()).hasSize(total);
        assertThat(replyIds).as("at most the one reply in flight at the kill is sent twice").hasSizeBetween(total, total + 1);
        GatewayConfig.Db db = GatewayConfig.db(harness.settings());
        try (Database database = new Database(db.url(), db.username(), db.password(), db.schema())) {
            List<CaseSummary> cases = database.inTransaction(c -> new Cases(harness.sealer()).list(c, 100));
            assertThat(cases).hasSize(total);
            assertThat(cases).allSatisfy(c -> assertThat(c.versions()).isEqualTo(1));
        }
        assertThat(Files.readString(childLog)).doesNotContain("OutOfMemoryError");
    }

    /** Issue 10 (found by the corpus review): POI's logged errors went to stdout, so --json was not JSON. */
    @Test
    void thePackagedValidateJsonPrintsOnlyJsonOnStdoutWhateverItLogs() throws Exception {
        byte[] docx = Documents.form(Forms.srsApplication());
        Path truncated = Files.write(dir.resolve("application-form.docx"), java.util.Arrays.copyOf(docx, docx.length / 2));
        Path garbage = Files.write(dir.resolve("tables.xlsx"), "PK\u0003\u0004 not really a workbook".getBytes(StandardCharsets.ISO_8859_1));
        // POI logs an error quoting the file's element names when it reads these content types
        Path badTypes = Files.write(dir.resolve("questionnaire.docx"), Documents.edit(Documents.docx("x"),
                Map.of("[Content_Types].xml", "<Types><PlantedElementName attr/></Types>".getBytes(StandardCharsets.UTF_8))));
        Path stdout = dir.resolve("validate.out");
        Path stderr = dir.resolve("validate.err");
        Process validate = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "validate", "--json", "--schemas", "schemas",
                truncated.toString(), garbage.toString(), badTypes.toString()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(validate.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(validate.exitValue()).isBetween(0, 2);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout.toFile());
        assertThat(json.get("outcome").asText()).isNotEmpty();
        assertThat(Files.readString(stderr)).as("no parser quotes the file in the logs").doesNotContain("PlantedElementName")
                .as("the packaged logging configuration loads").doesNotContain("|-ERROR in ch.qos.logback");
        assertThat(Files.readString(stdout)).doesNotContain("PlantedElementName");
    }

    @Test
    void withIntakeLogFormatJsonEveryLogLineIsOneJsonObjectOnStderr() throws Exception {
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        Path form = Files.write(dir.resolve("application-form.docx"), Documents.form(Forms.srsApplication()));
        Path stdout = dir.resolve("json-logs.out");
        Path stderr = dir.resolve("json-logs.err");
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "validate", "--schemas", "schemas", form.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // a scanner that does not answer makes validate log a warning, then stop with exit 2
        builder.environment().put("INTAKE_LOG_FORMAT", "json");
        builder.environment().put("INTAKE_SCANNER", "clamd");
        builder.environment().put("INTAKE_SCANNER_CLAMD_PORT", String.valueOf(closed));
        builder.environment().put("INTAKE_SCANNER_CLAMD_TIMEOUT_SECONDS", "2");
        Process validate = builder.start();
        assertThat(validate.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(validate.exitValue()).isEqualTo(2);
        List<String> lines = Files.readAllLines(stderr).stream().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).isNotEmpty();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines) {
            var json = mapper.readTree(line);
            assertThat(json.get("level").asText()).isNotEmpty();
            assertThat(json.has("formattedMessage")).as(line).isTrue();
        }
        assertThat(lines).anyMatch(l -> l.contains("SCANNER_UNAVAILABLE"));
        assertThat(Files.readString(stderr)).doesNotContain("|-ERROR in ch.qos.logback");
    }
}
