package uk.gov.education.datasharing.intake;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.command.IntakeGateway;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.model.CaseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as people use it: exit codes, one-line configuration errors, and each command's output. */
class CommandLineIT extends GatewayITSupport {

    record Outcome(int exitCode, String out, String err) {
    }

    private Outcome run(String... args) {
        CommandLine cli = IntakeGateway.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = cli.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(originalOut);
        }
    }

    private Path configFile(Properties overrides) throws Exception {
        Properties all = harness.settings().asProperties();
        all.putAll(overrides);
        Path file = dir.resolve("gateway-" + System.nanoTime() + ".properties");
        try (var writer = Files.newBufferedWriter(file)) {
            all.store(writer, null);
        }
        return file;
    }

    @Test
    void shouldStopWithOneLineNamingTheKeyWhenConfigurationIsWrong() throws Exception {
        Properties badKey = new Properties();
        badKey.setProperty("intake.crypto.recipients", Files.writeString(dir.resolve("not-a-key.asc"), "hello").toString());
        Outcome keyProblem = run("run", "--config", configFile(badKey).toString());
        assertThat(keyProblem.exitCode()).isEqualTo(2);
        assertThat(keyProblem.err().lines()).singleElement().asString()
                .startsWith("configuration error: intake.crypto.recipients:").contains("not-a-key.asc");

        Properties badDb = new Properties();
        badDb.setProperty("intake.db.url", "jdbc:postgresql://127.0.0.1:1/nothing");
        Outcome dbProblem = run("run", "--config", configFile(badDb).toString());
        assertThat(dbProblem.exitCode()).isEqualTo(2);
        assertThat(dbProblem.err().lines()).singleElement().asString().startsWith("configuration error: intake.db.url:");

        Properties unknownProtocol = new Properties();
        unknownProtocol.setProperty("intake.smtp.protocol", "smtp+ssl");
        Outcome protocolProblem = run("run", "--config", configFile(unknownProtocol).toString());
        assertThat(protocolProblem.exitCode()).isEqualTo(2);
        assertThat(protocolProblem.err()).startsWith("configuration error: intake.smtp.protocol:");
        assertThat(protocolProblem.err()).doesNotContain(GatewayHarness.PASSWORD);

        Properties noStateKey = new Properties();
        noStateKey.setProperty("intake.state.key", "");
        Outcome keyMissing = run("run", "--config", configFile(noStateKey).toString());
        assertThat(keyMissing.exitCode()).isEqualTo(2);
        assertThat(keyMissing.err()).startsWith("configuration error: intake.state.key: missing");
        assertThat(run("cases", "--config", configFile(noStateKey).toString()).err()).startsWith("configuration error: intake.state.key");
    }

    @Test
    void shouldCreateAKeyPairTheGatewayAccepts() throws Exception {
        Path keys = dir.resolve("new-keys");
        Outcome outcome = run("keys", "--out", keys.toString(), "--bits", "2048");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("fingerprint", "never on the gateway");
        assertThat(Files.readString(keys.resolve("team-public.asc"))).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        assertThat(Files.getPosixFilePermissions(keys.resolve("team-secret.asc")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(run("keys", "--out", keys.toString()).exitCode()).as("never overwrites a key pair").isEqualTo(1);

        harness.set("intake.crypto.recipients", keys.resolve("team-public.asc").toString());
        harness.start();
    }

    @Test
    void shouldListAndDecryptACase() throws Exception {
        byte[] form = IntakeEndToEndIT.content("form", 10_000);
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Hello",
                "form.docx", form, "form.docx", new byte[] {7, 7, 7}));
        harness.start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        String reference = cases().get(0).reference();
        harness.stopGateway();
        Path config = configFile(new Properties());

        Outcome table = run("cases", "--config", config.toString());
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("REFERENCE", reference, "OPEN", "RECEIVED");
        Outcome json = run("cases", "--json", "--config", config.toString());
        assertThat(json.out()).contains("\"reference\" : \"" + reference + "\"", "\"files\" : 2");

        Path out = dir.resolve("decrypted");
        Outcome decrypt = run("decrypt", reference, "--key", TestKeys.writeSecretKey(dir).toString(), "--out", out.toString(),
                "--config", config.toString());
        assertThat(decrypt.exitCode()).as(decrypt.err()).isZero();
        Path version = out.resolve(reference).resolve("v1");
        assertThat(Files.readAllBytes(version.resolve("files/form.docx"))).isEqualTo(form);
        assertThat(Files.readAllBytes(version.resolve("files/form (2).docx"))).containsExactly(7, 7, 7);
        assertThat(Files.readString(version.resolve("message.eml"))).contains("Subject: Application");
        assertThat(Files.readString(version.resolve("manifest.json"))).contains("\"originalName\" : \"form.docx\"");

        assertThat(run("decrypt", "DSI-0000-0000", "--key", dir.resolve("team-secret.asc").toString(), "--out", out.toString(),
                "--config", config.toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void shouldReprocessAQuarantinedMessageIntoTheSameCase() throws Exception {
        String poison = IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Broken");
        PoisonTrigger.install(harness, IntakeEndToEndIT.sha256(Mails.bytes(Mails.parse(poison))));
        harness.deliver(poison);
        harness.set("intake.limits.max-attempts", "1").start();
        harness.awaitFolder("Quarantine", 1);
        String reference = cases().get(0).reference();
        assertThat(cases().get(0).status()).isEqualTo(CaseStatus.QUARANTINED);
        harness.stopGateway();

        // Still broken: after reprocessing it fails again and returns to quarantine, in the same case.
        Outcome outcome = run("reprocess", reference, "--config", configFile(new Properties()).toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("moved 1 from Quarantine to INBOX");
        assertThat(harness.count("INBOX")).isEqualTo(1);
        assertThat(harness.count("Quarantine")).isZero();

        harness.start();
        harness.awaitFolder("Quarantine", 1);
        assertThat(cases()).singleElement().satisfies(c -> {
            assertThat(c.reference()).isEqualTo(reference);
            assertThat(c.status()).isEqualTo(CaseStatus.QUARANTINED);
        });
        assertThat(run("reprocess", "DSI-0000-0000", "--config", configFile(new Properties()).toString()).exitCode()).isEqualTo(1);
    }

    /** Issue 9: an unsafe file is never written under its own name, and only the team releases a quarantine, on the record. */
    @Test
    void shouldDecryptUnsafeFilesApartAndReleaseAQuarantineOnlyWithAReason() throws Exception {
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Hello",
                "tool.exe", Documents.exe(), "form.pdf", Documents.pdf("A form")));
        harness.start();
        harness.awaitFolder("Quarantine", 1);
        String reference = cases().get(0).reference();
        harness.stopGateway();
        Path config = configFile(new Properties());

        Path out = dir.resolve("decrypted");
        Outcome decrypt = run("decrypt", reference, "--key", TestKeys.writeSecretKey(dir).toString(), "--out", out.toString(),
                "--config", config.toString());
        assertThat(decrypt.exitCode()).as(decrypt.err()).isZero();
        Path version = out.resolve(reference).resolve("v1");
        assertThat(version.resolve("unsafe/tool.exe.unsafe")).exists();
        assertThat(version.resolve("files/tool.exe")).doesNotExist();
        assertThat(version.resolve("files/form.pdf")).exists();

        assertThat(run("release", reference, "--reason", " ", "--config", config.toString()).exitCode()).isEqualTo(2);
        Outcome release = run("release", reference, "--reason", "Checked by hand", "--by", "a.reviewer", "--config", config.toString());
        assertThat(release.exitCode()).as(release.err()).isZero();
        assertThat(run("cases", "--json", "--config", config.toString()).out()).contains("\"status\" : \"OPEN\"");
        assertThat(run("release", reference, "--reason", "again", "--config", config.toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void reconcileFindsNothingOnACleanRunAndNamesAMessageMovedByHand() throws Exception {
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached.",
                "application-form.docx", Documents.form(uk.gov.education.datasharing.intake.validate.Forms.srsApplication()),
                "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias")));
        harness.deliver(Mails.withAttachments("second@university.test", GatewayHarness.MAILBOX, "Application", "Attached.",
                "application-form.docx", Documents.docm()));
        harness.deliver("Auto-Submitted: auto-replied\r\n" + Mails.withAttachments("ooo@university.test", GatewayHarness.MAILBOX,
                "Out of office", "Away.", "note.txt", "away".getBytes(StandardCharsets.UTF_8)));
        harness.start();
        harness.awaitFolder("Processed", 1);
        harness.awaitFolder("Quarantine", 1);
        harness.awaitFolder("Ignored", 1);
        harness.awaitIdle();
        harness.stopGateway();
        Path config = configFile(new Properties());

        Outcome clean = run("reconcile", "--config", config.toString());
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("seen 3 finished: {accepted=1, ignored=1, quarantined=1}", "no discrepancies");

        // someone moves the processed message to Ignored by hand
        var settings = harness.settings();
        try (jakarta.mail.Store store = jakarta.mail.Session.getInstance(new Properties()).getStore("imap")) {
            store.connect(settings.get("intake.imap.host"), Integer.parseInt(settings.get("intake.imap.port")),
                    settings.get("intake.imap.username"), settings.get("intake.imap.password"));
            jakarta.mail.Folder processed = store.getFolder("Processed");
            processed.open(jakarta.mail.Folder.READ_WRITE);
            jakarta.mail.Message[] messages = processed.getMessages();
            processed.copyMessages(messages, store.getFolder("Ignored"));
            for (jakarta.mail.Message message : messages) {
                message.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            }
            processed.close(true);
        }
        Outcome planted = run("reconcile", "--config", config.toString());
        assertThat(planted.exitCode()).as(planted.out() + planted.err()).isEqualTo(1);
        assertThat(planted.out()).contains("DISCREPANCY ", ": in Ignored but recorded as moved to Processed (PROCESSED)")
                .doesNotContain(GatewayHarness.APPLICANT, "Application");
    }

    @Test
    void auditVerifyPassesAnIntactTrailAndNamesTheFirstChangedRow() throws Exception {
        Path config = configFile(new Properties());
        GatewayConfig.Db db = GatewayConfig.db(harness.settings());
        try (uk.gov.education.datasharing.intake.store.Database database = new uk.gov.education.datasharing.intake.store.Database(db.url(),
                db.username(), db.password(), db.schema())) {
            uk.gov.education.datasharing.intake.store.AuditLog audit = new uk.gov.education.datasharing.intake.store.AuditLog();
            for (int i = 0; i < 5; i++) {
                database.inTransaction(c -> audit.append(c, java.time.Instant.now(), "alex", "VIEW_CASE", "DSI-0000-0000", "", "127.0.0.1"));
            }
            Outcome intact = run("audit", "verify", "--config", config.toString());
            assertThat(intact.exitCode()).isZero();
            assertThat(intact.out()).contains("Audit trail intact: 5 rows checked.");
            database.inTransaction(c -> c.createStatement().executeUpdate("update audit_event set action = 'NOTE' where id = 2"));
        }
        Outcome broken = run("audit", "verify", "--config", config.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("Audit trail BROKEN at row 2: row 2 was changed after it was written (1 row before it holds).");
    }
}
