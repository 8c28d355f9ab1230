package uk.gov.education.datasharing.intake;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.inspect.ClamdScanner;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.inspect.ScannerUnavailableException;
import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.store.Cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The gateway with a real clamd: what it finds is quarantined with its signature, and an outage holds messages in the inbox. */
@Timeout(180)
class ClamdScannerIT extends GatewayITSupport {

    @TempDir
    Path clamdDir;
    Clamd clamd;

    @BeforeEach
    void startClamd() throws Exception {
        clamd = Clamd.start(clamdDir);
        harness.set("intake.scanner", "clamd").set("intake.scanner.clamd.port", String.valueOf(clamd.port()))
                .set("intake.scanner.clamd.timeout-seconds", "10");
    }

    @AfterEach
    void stopClamd() {
        if (clamd != null) {
            clamd.close();
        }
    }

    private static Scanner.Result scan(ClamdScanner scanner, byte[] content) throws Exception {
        return scanner.scan(new ByteArrayInputStream(content), content.length);
    }

    @Test
    void clamdSaysCleanFoundOrTooLargeOverTcpAndUnixSocketAndNeverCleanWhenDown() throws Exception {
        ClamdScanner tcp = clamd.scanner();
        ClamdScanner unix = new ClamdScanner(null, 0, clamd.socket(), Duration.ofSeconds(10));
        for (ClamdScanner scanner : List.of(tcp, unix)) {
            assertThat(scan(scanner, Documents.docx("an ordinary form")).status()).isEqualTo(FileCheck.Scan.CLEAN);
            Scanner.Result eicar = scan(scanner, Clamd.EICAR.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(eicar.status()).isEqualTo(FileCheck.Scan.INFECTED);
            assertThat(eicar.signature()).startsWith("Eicar-Test-Signature");
            assertThat(scan(scanner, ("notes " + Clamd.CUSTOM).getBytes(StandardCharsets.US_ASCII)).signature())
                    .startsWith("DfE-Custom-Test-Signature");
            assertThat(scan(scanner, new byte[Clamd.STREAM_MAX_BYTES + 4096]).status()).isEqualTo(FileCheck.Scan.TOO_LARGE);
        }
        clamd.stop();
        assertThat(tcp.ready()).isFalse();
        assertThatThrownBy(() -> scan(tcp, Documents.docx("x"))).isInstanceOf(ScannerUnavailableException.class);
        assertThatThrownBy(() -> scan(unix, Documents.docx("x"))).isInstanceOf(ScannerUnavailableException.class);
    }

    @Test
    void aClamdThatAcceptsButNeverAnswersIsUnavailableWithinTheTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
            ClamdScanner scanner = new ClamdScanner("127.0.0.1", silent.getLocalPort(), null, Duration.ofSeconds(1));
            long start = System.nanoTime();
            assertThatThrownBy(() -> scan(scanner, Documents.docx("x"))).isInstanceOf(ScannerUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void eicarInADocxAZipAndAPdfIsQuarantinedWithTheSignatureKeptForTheTeam() throws Exception {
        byte[] eicar = Clamd.EICAR.getBytes(StandardCharsets.ISO_8859_1);
        byte[] pdf = Documents.pdf("a certificate");
        byte[] pdfWithEicar = new byte[pdf.length + eicar.length + 2];
        System.arraycopy(pdf, 0, pdfWithEicar, 0, pdf.length);
        pdfWithEicar[pdf.length] = '%';
        System.arraycopy(eicar, 0, pdfWithEicar, pdf.length + 1, eicar.length);
        pdfWithEicar[pdfWithEicar.length - 1] = '\n';
        Map<String, byte[]> carriers = Map.of("form.docx", Documents.docx("Application", Clamd.EICAR),
                "evidence.zip", Documents.zip(Map.of("readme.txt", eicar)), "certificate.pdf", pdfWithEicar);
        for (var carrier : carriers.entrySet()) {
            harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application " + carrier.getKey(),
                    "Attached", carrier.getKey(), carrier.getValue(), "tables.xlsx", Documents.npdWorkbook("NPDAlias")));
        }
        harness.start();

        harness.awaitFolder("Quarantine", 3);
        harness.awaitIdle();
        assertThat(harness.count("Processed")).isZero();
        var cases = cases();
        assertThat(cases).hasSize(3).allSatisfy(c -> assertThat(c.status()).isEqualTo(CaseStatus.QUARANTINED));
        for (var summary : cases) {
            Cases index = new Cases(harness.gateway().sealer());
            var submission = harness.gateway().database().inTransaction(c -> index.submissions(c, summary.reference()).get(0));
            var findings = harness.gateway().database().inTransaction(c -> index.findings(c, submission.id()));
            List<ReceivedFile> infected = submission.files().stream().filter(f -> f.check().scan() == FileCheck.Scan.INFECTED).toList();
            // the carrier, and for the zip also the entry inside it: each was scanned
            assertThat(infected).as(summary.reference()).isNotEmpty().allSatisfy(f -> assertThat(carriers).containsKey(
                    f.container().isEmpty() ? f.safeName() : "evidence.zip"));
            assertThat(submission.files()).filteredOn(f -> f.safeName().equals("tables.xlsx"))
                    .allSatisfy(f -> assertThat(f.check().scan()).isEqualTo(FileCheck.Scan.CLEAN));
            assertThat(findings).filteredOn(p -> p.code().equals(ProblemCode.FILE_INFECTED.name())).hasSameSizeAs(infected)
                    .allSatisfy(p -> assertThat(p.found()).startsWith("Eicar-Test-Signature"));
        }
    }

    @Test
    void aClamdOutageKeepsTheMessageInTheInboxUnchargedAndItIsProcessedWhenClamdIsBack() throws Exception {
        clamd.stop();
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached",
                "form.docx", Documents.docx("Application for DfE personal data"), "tables.xlsx", Documents.npdWorkbook("NPDAlias")));
        harness.start();

        // several polls while clamd is down (poll interval in tests is short): still waiting, attempts not used up
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(harness.count("INBOX")).isEqualTo(1);
        assertThat(harness.count("Processed") + harness.count("Quarantine")).isZero();
        assertThat(harness.allReplies()).isEmpty();
        int attempts = harness.gateway().database().inTransaction(c -> {
            try (var select = c.prepareStatement("select max(attempts) from inbound_message")) {
                var rs = select.executeQuery();
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
        assertThat(attempts).isLessThanOrEqualTo(1);

        clamd.run();
        harness.awaitFolder("Processed", 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        var summary = cases();
        assertThat(summary).singleElement().satisfies(c -> assertThat(c.status()).isNotEqualTo(CaseStatus.QUARANTINED));
        var files = harness.gateway().database().inTransaction(c -> new Cases(harness.gateway().sealer())
                .submissions(c, summary.get(0).reference()).get(0).files());
        assertThat(files).allSatisfy(f -> assertThat(f.check().scan()).isEqualTo(FileCheck.Scan.CLEAN));
    }
}
