package uk.gov.education.datasharing.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.store.Cases;

import static org.assertj.core.api.Assertions.assertThat;

/** Every file is checked and recognised through the running gateway; an unsafe file quarantines its message. */
@Timeout(120) // hostile input: a regression into a hang fails here instead of hanging the build
class FileSafetyIT extends GatewayITSupport {

    static String text(MimeMessage reply) throws Exception {
        return ((String) ((MimeMultipart) reply.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    List<ReceivedFile> filesOf(String reference) throws Exception {
        return harness.gateway().database().inTransaction(c -> {
            Cases cases = new Cases(harness.gateway().sealer());
            return cases.submissions(c, reference).get(0).files();
        });
    }

    @Test
    void shouldRecogniseEachDocumentAndSayWhatItWasRecognisedAs() throws Exception {
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached",
                "my form.docx", Documents.docx("Application for DfE personal data", "Applicant", "Project", "Lawful basis",
                        "Data", "Access", "Declaration"),
                "tables.xlsx", Documents.npdWorkbook("NPDAlias"),
                "scan.pdf", Documents.pdf("Baseline Personnel Security Standard (BPSS) verification"),
                "old form.doc", Documents.ole("WordDocument", "1Table")));
        harness.start();

        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        harness.awaitFolder("Processed", 1);
        String text = text(harness.repliesTo(GatewayHarness.APPLICANT).get(0));
        assertThat(text).contains("There is a problem with your application",
                "my form.docx (", "): recognised as application form",
                "tables.xlsx (", "): recognised as NPD data tables",
                "scan.pdf (", "): recognised as background-check evidence",
                "old form.doc (", "): not accepted, see below",
                "old form.doc\n- This file is a Word 97-2003 document (.doc), which we cannot accept. Please send it as .docx");
        var summary = cases().get(0);
        assertThat(summary.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(filesOf(summary.reference())).extracting(f -> f.check().kind()).containsExactly(DocumentKind.APPLICATION_FORM,
                DocumentKind.DATA_TABLES_NPD, DocumentKind.BACKGROUND_CHECK_EVIDENCE, DocumentKind.OTHER);
        assertThat(filesOf(summary.reference())).allSatisfy(f -> assertThat(f.check().scan()).isEqualTo(FileCheck.Scan.NOT_SCANNED));
    }

    @Test
    void shouldQuarantineAMessageWithAMacroDocumentRenamedDocxAndTellTheApplicantWhichFile() throws Exception {
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached",
                "application form.docx", Documents.docm(), "tables.xlsx", Documents.npdWorkbook("NPDAlias")));
        harness.start();

        harness.awaitFolder("Quarantine", 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        MimeMessage reply = harness.repliesTo(GatewayHarness.APPLICANT).get(0);
        assertThat(reply.getSubject()).startsWith("We could not accept a file you sent: reference DSI-");
        assertThat(text(reply)).contains("at least one file in it could be unsafe",
                "application form.docx (", "): refused as unsafe, see below",
                "application form.docx\n- This file contains macros, which we cannot accept.",
                "tables.xlsx (", "): recognised as NPD data tables");
        var summary = cases().get(0);
        assertThat(summary.status()).isEqualTo(CaseStatus.QUARANTINED);
        assertThat(summary.outcome()).isEqualTo(Outcome.QUARANTINED);
        assertThat(summary.flags()).contains("UNSAFE_FILE");
        assertThat(summary.files()).isEqualTo(2); // nothing lost: the unsafe file is kept, encrypted, for the team
        assertThat(harness.count("Processed")).isZero();
    }

    @Test
    void shouldQuarantineAnExecutableHiddenInAZipUnderAHarmlessName() throws Exception {
        byte[] zip = Documents.zip(Map.of("evidence/certificate.pdf", Documents.exe(), "evidence/real.pdf", Documents.pdf("ok")));
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Evidence", "Attached", "evidence.zip", zip));
        harness.start();

        harness.awaitFolder("Quarantine", 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        assertThat(text(harness.repliesTo(GatewayHarness.APPLICANT).get(0))).contains(
                "certificate.pdf\n- inside archive evidence.zip: This file is a program or a script",
                "real.pdf (", "): accepted", "evidence.zip (", "): zip file, unpacked");
    }

    @Test
    void shouldUnpackAZipRenamedPdfByItsContentAndCheckWhatIsInside() throws Exception {
        byte[] zip = Documents.zip(Map.of("run.exe", Documents.exe()));
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Evidence", "Attached", "evidence.pdf", zip));
        harness.start();

        harness.awaitFolder("Quarantine", 1);
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        assertThat(text(harness.repliesTo(GatewayHarness.APPLICANT).get(0))).contains(
                "run.exe\n- inside archive evidence.pdf: This file is a program or a script",
                "evidence.pdf (", "): zip file, unpacked");
    }

    @Test
    void shouldWriteNoPlaintextOfAnInspectedFileToDisk() throws Exception {
        String marker = "PLAINTEXT-MARKER-" + java.util.UUID.randomUUID();
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached",
                "form.docx", Documents.docxWithBody("<w:p><w:r><w:t>" + marker + "</w:t></w:r></w:p>"),
                "evidence.pdf", Documents.pdf(false, marker), "notes.txt", marker.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        harness.start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        harness.stopGateway();

        byte[] needle = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(contains(Documents.pdf(false, marker), needle)).as("the PDF shows its text in its bytes").isTrue();
        try (Stream<Path> files = Stream.of(harness.dir, Path.of(System.getProperty("java.io.tmpdir")), Path.of("target", "test-logs"))
                .flatMap(FileSafetyIT::walk)) {
            List<Path> leaking = files.filter(Files::isRegularFile).filter(p -> contains(p, needle)).toList();
            assertThat(leaking).isEmpty();
        }
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root, root.equals(Path.of(System.getProperty("java.io.tmpdir"))) ? 2 : Integer.MAX_VALUE);
        } catch (java.io.IOException e) {
            return Stream.empty();
        }
    }

    private static boolean contains(byte[] content, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= content.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            if (Files.size(file) > 200_000_000) {
                return false;
            }
            return contains(Files.readAllBytes(file), needle);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
