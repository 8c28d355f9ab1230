package uk.gov.education.datasharing.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.crypto.OpenPgpEncryptor;
import uk.gov.education.datasharing.intake.crypto.TeamPublicKeys;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.pipeline.IntakeWiring;
import uk.gov.education.datasharing.intake.pipeline.MessageIntake;
import uk.gov.education.datasharing.intake.pipeline.StageTimings;
import uk.gov.education.datasharing.intake.reply.ReplyComposer;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.EncryptedObjectStore;

import static org.awaitility.Awaitility.await;

/**
 * Intake throughput for a realistic message (a Word application form and a 1,200-row NPD workbook,
 * generated, each different). Not a test:
 * run with {@code mvn -B verify -Pbenchmark}; results are printed and appended to target/benchmark-intake.txt.
 * <ul>
 *   <li>pipeline: the gateway's own work per message (spool, hash, MIME walk, OpenPGP store of message,
 *       files and manifest, case transaction in H2), messages handed over from memory;</li>
 *   <li>end to end: the same through GreenMail's IMAP server and the Camel route, including the mail
 *       server's round trips and the move to Processed.</li>
 * </ul>
 */
class IntakeBenchmark extends GatewayITSupport {

    private static final int PIPELINE_MESSAGES = Integer.getInteger("benchmark.messages", 300);
    private static final int END_TO_END_MESSAGES = Integer.getInteger("benchmark.e2e-messages", 60);

    private static List<String> messages(int count) throws java.io.IOException {
        Path tables = Files.createTempFile("benchmark-", ".xlsx");
        List<String> raws = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] form = Documents.docx("Application for DfE personal data", "Applicant", "Project " + i, "Lawful basis", "Data",
                    "Access", "Declaration");
            Documents.largeNpdWorkbook(tables, 1_200, i);
            byte[] workbook = Files.readAllBytes(tables);
            raws.add(Mails.withAttachments("applicant" + i + "@university.test", GatewayHarness.MAILBOX, "Application " + i,
                    "Please find our application attached.", "application-form.docx", form, "npd-data-tables.xlsx", workbook));
        }
        Files.delete(tables);
        return raws;
    }

    @Test
    void measurePipeline() throws Exception {
        List<String> raws = messages(PIPELINE_MESSAGES);
        long rawBytes = raws.stream().mapToLong(String::length).sum();
        GatewayConfig config = GatewayConfig.from(harness.settings());
        try (Database db = new Database(config.db().url(), config.db().username(), config.db().password(), config.db().schema())) {
            EncryptedObjectStore store = new EncryptedObjectStore(config.storeDir(),
                    new OpenPgpEncryptor(TeamPublicKeys.load(config.recipients())));
            MessageIntake pipeline = IntakeWiring.build(new IntakeWiring.Parts(config, db, store, config.storeDir().resolve("spool"),
                    new ReplyComposer(config.mailboxAddress(), config.mailboxName()), Clock.systemUTC(),
                    uk.gov.education.datasharing.intake.schema.Schemas.load(Path.of("schemas")),
                    uk.gov.education.datasharing.intake.store.StateKey.fromBase64(uk.gov.education.datasharing.intake.store.StateKey.generate()),
                    Scanner.NONE), new StageTimings(new uk.gov.education.datasharing.intake.metrics.IntakeMetrics(db, Clock.systemUTC(), Scanner.NONE,
                    java.util.Map.of()))); // stage histograms recorded as the gateway does
            for (String raw : raws.subList(0, Math.min(20, raws.size()))) {
                pipeline.process(Mails.parse(raw.replace("Subject: Application", "Subject: Warm-up")));
            }
            BenchmarkSupport.resetPeaks();
            long start = System.nanoTime();
            for (String raw : raws) {
                MimeMessage message = Mails.parse(raw);
                pipeline.process(message);
            }
            report("pipeline", raws.size(), rawBytes, (System.nanoTime() - start) / 1e9);
        }
    }

    @Test
    void measureEndToEnd() throws Exception {
        List<String> raws = messages(END_TO_END_MESSAGES);
        long rawBytes = raws.stream().mapToLong(String::length).sum();
        raws.forEach(harness::deliver);
        BenchmarkSupport.resetPeaks();
        harness.set("intake.imap.poll-delay-ms", "50").set("intake.imap.max-messages-per-poll", "50");
        long start = System.nanoTime();
        harness.start();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500)).until(() -> harness.count("Processed") >= raws.size());
        report("end to end (GreenMail IMAP + Camel route)", raws.size(), rawBytes, (System.nanoTime() - start) / 1e9);
    }

    private static void report(String what, int count, long rawBytes, double seconds) throws Exception {
        long peakHeap = BenchmarkSupport.peakHeapMb();
        String result = String.format(Locale.ROOT,
                "intake benchmark, %s: %d messages of %.0f KB (2 files each) in %.1f s = %.1f messages/s, %.1f MB/s; "
                        + "peak heap in this JVM %d MB (includes the generated messages and GreenMail); %d cores%n",
                what, count, rawBytes / 1e3 / count, seconds, count / seconds, rawBytes / 1e6 / seconds, peakHeap,
                Runtime.getRuntime().availableProcessors());
        BenchmarkSupport.report("intake", result);
    }
}
