package uk.gov.education.datasharing.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.SubmissionRecord;
import uk.gov.education.datasharing.intake.store.Cases;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole loop against a real mail server and database: mailbox → encrypted case → reply. */
class IntakeEndToEndIT extends GatewayITSupport {

    static byte[] content(String marker, int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(m, 0, bytes, 100, m.length);
        return bytes;
    }

    @Test
    void shouldStoreFilesEncryptedOpenCaseAndAcknowledge() throws Exception {
        java.util.Map<String, String> answers = uk.gov.education.datasharing.intake.validate.Forms.srsApplication();
        answers.put("data.needed-by", java.time.LocalDate.now().plusMonths(1).toString());
        byte[] form = Documents.form(answers);
        byte[] tables = Documents.npdWorkbook("NPD Alias");
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "NPD application",
                "BODY-MARKER-91c2 please find attached", "application-form.docx", form, "npd-data-tables.xlsx", tables));
        harness.start();

        harness.awaitFolder("Processed", 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        assertThat(harness.count("INBOX")).isZero();

        CaseSummary summary = onlyCase();
        assertThat(summary.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(summary.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(summary.sender()).isEqualTo(GatewayHarness.APPLICANT);
        assertThat(summary.files()).isEqualTo(2);
        List<SubmissionRecord> submissions = harness.gateway().database().inTransaction(c -> new Cases(harness.gateway().sealer()).submissions(c, summary.reference()));
        assertThat(submissions).hasSize(1);
        assertThat(submissions.get(0).files()).extracting(f -> f.safeName()).containsExactly("application-form.docx", "npd-data-tables.xlsx");

        Path store = dir.resolve("store");
        assertThat(TestKeys.decrypt(objectPath(store, sha256(form)))).isEqualTo(form);
        assertThat(TestKeys.decrypt(objectPath(store, sha256(tables)))).isEqualTo(tables);
        assertThat(TestKeys.decrypt(objectPath(store, submissions.get(0).messageSha256()))).asString(StandardCharsets.UTF_8)
                .contains("BODY-MARKER-91c2");

        MimeMessage reply = harness.repliesTo(GatewayHarness.APPLICANT).get(0);
        assertThat(reply.getSubject()).contains(summary.reference());
        assertThat(reply.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(reply.getFrom()[0].toString()).contains(GatewayHarness.MAILBOX);
        MimeMultipart alternative = (MimeMultipart) reply.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        String text = (String) alternative.getBodyPart(0).getContent();
        assertThat(text).contains("We have checked it and it is complete.", summary.reference(),
                "application-form.docx", "npd-data-tables.xlsx",
                sha256(form).substring(0, 8), "What happens next");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
    }

    @Test
    void shouldWriteNoPlaintextContentToDiskOrLogs() throws Exception {
        String bodyMarker = "BODYPLAINTEXT-" + System.nanoTime();
        String fileMarker = "FILEPLAINTEXT-" + System.nanoTime();
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application",
                bodyMarker, "form.docx", fileMarker.repeat(50).getBytes(StandardCharsets.US_ASCII)));
        harness.start();
        harness.awaitFolder("Processed", 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        harness.stopGateway();

        List<Path> written;
        try (Stream<Path> files = Files.walk(dir)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        Path log = Path.of("target/test-logs/gateway.log");
        assertThat(written).isNotEmpty();
        for (Path file : Stream.concat(written.stream(), Stream.of(log)).toList()) {
            String contents = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(contents).as(file.toString()).doesNotContain(bodyMarker).doesNotContain(fileMarker);
        }
        String logText = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertThat(logText).doesNotContain(GatewayHarness.APPLICANT);
    }

    /**
     * Issue 9: markers planted in every place a sender writes (address, file name, zip entry, forwarded subject,
     * sheet and item names) are found nowhere at rest: not in the database (its file, or a pg_dump), the store,
     * the spool, nor the log. The team still reads them, unsealed with the key.
     */
    @Test
    void shouldKeepNothingTheSenderWroteInTheClearAtRest() throws Exception {
        String n = Long.toString(System.nanoTime() % 100_000_000, 36).toUpperCase(java.util.Locale.ROOT);
        String sender = "mksender" + n.toLowerCase(java.util.Locale.ROOT) + "@university.test";
        String fileName = "MKFILE" + n + ".pdf";
        String entryName = "MKENTRY" + n + ".pdf";
        String subject = "MKSUBJECT" + n;
        String sheet = "MKSHEET" + n;
        String item = "MKITEM" + n;
        byte[] workbook = Documents.xlsx(java.util.Map.of(sheet, new String[][] {{"'By request' Data items"},
                {"NPD Alias", "Identifiability", "Sensitivity", "Data request data item required?", "Data request years required?"},
                {item, "", "", "Yes", ""}}));
        String forwarded = Mails.withAttachments("someone@else.test", "x@y.test", subject, "fwd", "inner.pdf", Documents.pdf("inner"));
        String raw = Mails.withAttachments(sender, GatewayHarness.MAILBOX, "Application", "Hello", fileName, Documents.pdf("A form"),
                "bundle.zip", Documents.zip(java.util.Map.of(entryName, Documents.pdf("entry"))), "npd-data-tables.xlsx", workbook,
                "application-form.docx", Documents.form(uk.gov.education.datasharing.intake.validate.Forms.srsApplication()));
        String boundary = raw.substring(raw.indexOf("boundary=\"") + 10, raw.indexOf('"', raw.indexOf("boundary=\"") + 10));
        raw = raw.substring(0, raw.lastIndexOf("--" + boundary + "--")) + "--" + boundary + "\r\nContent-Type: message/rfc822\r\n\r\n"
                + forwarded + "\r\n--" + boundary + "--\r\n";
        harness.deliver(raw);
        harness.start();
        harness.awaitFolder("Processed", 1);
        harness.awaitIdle();
        String reference = cases().get(0).reference();
        List<String> markers = List.of(sender, fileName, entryName, subject, sheet, item);
        List<uk.gov.education.datasharing.intake.model.ReceivedFile> files = harness.gateway().database()
                .inTransaction(c -> new Cases(harness.sealer()).submissions(c, reference).get(0).files());
        assertThat(files).extracting(uk.gov.education.datasharing.intake.model.ReceivedFile::safeName).contains(fileName, entryName);
        assertThat(files).extracting(uk.gov.education.datasharing.intake.model.ReceivedFile::container).anySatisfy(c -> assertThat(c).contains(subject));
        assertThat(cases().get(0).sender()).isEqualTo(sender);
        List<Cases.StoredFinding> findings = harness.gateway().database().inTransaction(c -> {
            Cases cases = new Cases(harness.sealer());
            return cases.findings(c, cases.submissions(c, reference).get(0).id());
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.location()).contains(sheet);
            assertThat(f.message()).contains(item);
        });
        harness.stopGateway();

        List<Path> written;
        try (Stream<Path> all = Files.walk(dir)) {
            written = all.filter(Files::isRegularFile).toList();
        }
        StringBuilder atRest = new StringBuilder();
        for (Path file : Stream.concat(written.stream(), Stream.of(Path.of("target/test-logs/gateway.log"))).toList()) {
            atRest.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
        atRest.append(databaseDump());
        for (String marker : markers) {
            assertThat(atRest.toString()).as(marker).doesNotContain(marker).doesNotContain(marker.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** What a dump of the database holds; the H2 file is among the files written, so only PostgreSQL needs pg_dump. */
    protected String databaseDump() throws Exception {
        return "";
    }

    CaseSummary onlyCase() throws Exception {
        assertThat(cases()).hasSize(1);
        return cases().get(0);
    }

    static Path objectPath(Path store, String sha) {
        return store.resolve("objects").resolve(sha.substring(0, 2)).resolve(sha + ".pgp");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
