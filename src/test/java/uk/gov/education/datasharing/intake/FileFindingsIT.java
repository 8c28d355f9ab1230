package uk.gov.education.datasharing.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import uk.gov.education.datasharing.intake.model.CaseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits reached while finding files are findings the applicant is told about, never crashes. */
@Timeout(120) // hostile input: a regression into a hang fails here instead of hanging the build
class FileFindingsIT extends GatewayITSupport {

    @Test
    void shouldTellTheApplicantWhichFilesCouldNotBeKeptKeepTheRestAndQuarantineAZipBomb() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("zeros.bin"));
            out.write(new byte[30_000_000]);
            out.closeEntry();
        }
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached",
                "application-form.docx", "form".getBytes(StandardCharsets.UTF_8), "huge.xlsx", new byte[6_000_000], "archive.zip", zip.toByteArray()));
        harness.set("intake.limits.file-bytes", "5000000").start();

        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        MimeMessage reply = harness.repliesTo(GatewayHarness.APPLICANT).get(0);
        String text = ((String) ((MimeMultipart) reply.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
        assertThat(text).contains("Files we received (2)", "application-form.docx", "archive.zip",
                "There is a problem with what you sent",
                "huge.xlsx\n- This file is larger than we accept (5 MB)",
                "archive.zip\n- This zip file expands far more than ordinary files do");
        assertThat(reply.getSubject()).startsWith("We could not accept a file you sent");
        assertThat(cases()).singleElement().satisfies(c -> {
            assertThat(c.files()).isEqualTo(2);
            assertThat(c.status()).isEqualTo(CaseStatus.QUARANTINED);
        });
    }

    @Test
    void shouldQuarantineAMessageWithHugeHeadersWithoutParsingIt() throws Exception {
        String headers = "X-Padding: " + "a".repeat(100_000) + "\r\n";
        harness.deliver(headers + headers + headers + IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Application"));
        harness.deliver(IntakeReliabilityIT.application("ok@university.test", "Fine"));
        harness.start();

        harness.awaitFolder("Quarantine", 1);
        harness.awaitFolder("Processed", 1);
        assertThat(cases()).filteredOn(c -> c.status() == CaseStatus.QUARANTINED).singleElement()
                .satisfies(c -> assertThat(c.flags()).containsExactly("HEADERS_TOO_LONG"));
        harness.awaitIdle();
        assertThat(harness.repliesTo(GatewayHarness.APPLICANT)).isEmpty();
    }
}
