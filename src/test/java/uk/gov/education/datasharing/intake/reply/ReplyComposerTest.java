package uk.gov.education.datasharing.intake.reply;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.ProjectSchemas;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.model.ReceivedFile;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyComposerTest {

    private final ReplyComposer composer = new ReplyComposer("data.sharing@education.test", "DfE data sharing");
    private final Session session = Session.getInstance(new Properties());
    private static final String SHA = "ab".repeat(32);

    private MimeMessage compose(int version, List<ReceivedFile> files) throws Exception {
        String id = composer.newMessageId("DSI-0000-0000");
        return composer.compose(session, new Reply(Reply.Kind.ACKNOWLEDGEMENT, "DSI-K7M2-Q9PX", version, "a@uni.test", id, files, List.of()));
    }

    @Test
    void shouldPutTheReferenceInTheSubjectAndMarkItAutomatic() throws Exception {
        MimeMessage message = compose(1, List.of());
        assertThat(message.getSubject()).isEqualTo("Application received: reference DSI-K7M2-Q9PX");
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(message.getMessageID()).matches("<DSI-0000-0000\\.[0-9a-f-]+@education\\.test>");
        assertThat(message.getHeader("In-Reply-To")).isNull();
        assertThat(compose(3, List.of()).getSubject()).contains("version 3");
    }

    @Test
    void theTeamsRequestCarriesItsWordsAsParagraphsEscapedInHtmlWithTheReferenceInTheSubject() throws Exception {
        MimeMessage message = composer.compose(session, new Reply(Reply.Kind.REQUEST, "DSI-K7M2-Q9PX", 1, "a@uni.test",
                composer.newMessageId("DSI-K7M2-Q9PX"), List.of(), List.of(),
                "Where will the data be stored?\nWho can reach it?\n\nSend <b>an updated</b> questionnaire."));
        assertThat(message.getSubject()).isEqualTo("We need more from you: reference DSI-K7M2-Q9PX");
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(text).contains("Where will the data be stored?\nWho can reach it?\n\nSend <b>an updated</b> questionnaire.")
                .contains("Your reference is DSI-K7M2-Q9PX.");
        assertThat(html).contains("<p>Where will the data be stored?<br>Who can reach it?<br></p>")
                .contains("Send &lt;b&gt;an updated&lt;/b&gt; questionnaire.").doesNotContain("<b>an updated");
    }

    @Test
    void shouldListEachFileWithSizeAndShortHash() throws Exception {
        MimeMessage message = compose(1, List.of(new ReceivedFile(1, "1.2", "f", "form.docx", "application/octet-stream", 48_000, SHA)));
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        String text = (String) alternative.getBodyPart(0).getContent();
        assertThat(text).contains("Files we received (1)", "- form.docx (47 KB, SHA-256 abababab)", "What happens next");
    }

    @Test
    void shouldListProblemsWithWhatToDo() throws Exception {
        var problem = ProjectSchemas.render(Problem.of(ProblemCode.FILE_TOO_LARGE, "tables.xlsx", "", "30 MB"));
        MimeMessage message = composer.compose(session, new Reply(Reply.Kind.ACKNOWLEDGEMENT, "DSI-K7M2-Q9PX", 1, "a@uni.test",
                composer.newMessageId("DSI-K7M2-Q9PX"), List.of(), List.of(problem)));
        String text = (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
        assertThat(text).contains("There is a problem with what you sent",
                "tables.xlsx\n- This file is larger than we accept (30 MB), so we did not keep it. Send a smaller version");
    }

    @Test
    void aDefectReplyReadsLikeAnErrorSummaryGroupedPerDocument() throws Exception {
        List<uk.gov.education.datasharing.intake.model.Defect> problems = new java.util.ArrayList<>();
        problems.add(new uk.gov.education.datasharing.intake.model.Defect("ANSWER_MISSING", uk.gov.education.datasharing.intake.model.Defect.Severity.ERROR,
                "form.docx", "Telephone number", "", "Enter telephone number.", ""));
        for (int i = 0; i < 40; i++) {
            problems.add(new uk.gov.education.datasharing.intake.model.Defect("YEARS_MISSING", uk.gov.education.datasharing.intake.model.Defect.Severity.ERROR,
                    "npd.xlsx", "sheet KS4, cell H" + (10 + i), "", "Say which years you need.", "Choose All available."));
        }
        MimeMessage message = composer.compose(session, new Reply(Reply.Kind.DEFECTS, "DSI-K7M2-Q9PX", 1, "a@uni.test",
                composer.newMessageId("DSI-K7M2-Q9PX"), List.of(), problems));
        String text = (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
        assertThat(message.getSubject()).isEqualTo("Your application needs changes: reference DSI-K7M2-Q9PX");
        assertThat(text).startsWith("There is a problem with your application").contains(
                "form.docx\n- Telephone number: Enter telephone number.",
                "npd.xlsx\n- sheet KS4, cell H10: Say which years you need. Choose All available.",
                "- and 36 more rows like this in sheet KS4",
                "Reply to this email with the corrected documents");
        assertThat(text).doesNotContain("cell H14:");
    }

    @Test
    void aRedirectReplySaysWhereToApply() throws Exception {
        var redirect = new uk.gov.education.datasharing.intake.model.Defect("REDIRECT", uk.gov.education.datasharing.intake.model.Defect.Severity.WARNING,
                "", "the ONS Research Accreditation Service", "", "These datasets are available under the Digital Economy Act.", "https://ons.example/ras");
        MimeMessage message = composer.compose(session, new Reply(Reply.Kind.REDIRECT, "DSI-K7M2-Q9PX", 1, "a@uni.test",
                composer.newMessageId("DSI-K7M2-Q9PX"), List.of(), List.of(redirect)));
        String text = (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
        assertThat(text).startsWith("Apply to another service for this data").contains("Where to apply",
                "- Apply to the ONS Research Accreditation Service. These datasets are available under the Digital Economy Act. https://ons.example/ras")
                .doesNotContain("There is a problem");
    }

    @Test
    void shouldEscapeFileNamesInTheHtmlPart() throws Exception {
        MimeMessage message = compose(1, List.of(new ReceivedFile(1, "1.2", "x", "<img src=x onerror=alert(1)>.pdf", "application/pdf", 5, SHA)));
        String html = (String) ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
        assertThat(html).doesNotContain("<img").contains("&lt;img");
    }

    @Test
    void shouldBackOffExponentiallyUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10));
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        assertThat(policy.nextAttempt(now, 1)).isEqualTo(now.plusSeconds(30));
        assertThat(policy.nextAttempt(now, 2)).isEqualTo(now.plusSeconds(60));
        assertThat(policy.nextAttempt(now, 4)).isEqualTo(now.plusSeconds(240));
        assertThat(policy.nextAttempt(now, 50)).isEqualTo(now.plusSeconds(600));
    }

    @Test
    void shouldDescribeSizesForPeople() {
        assertThat(uk.gov.education.datasharing.intake.model.ByteSize.human(1)).isEqualTo("1 byte");
        assertThat(uk.gov.education.datasharing.intake.model.ByteSize.human(900)).isEqualTo("900 bytes");
        assertThat(uk.gov.education.datasharing.intake.model.ByteSize.human(2048)).isEqualTo("2 KB");
        assertThat(uk.gov.education.datasharing.intake.model.ByteSize.human(5 * 1024 * 1024 + 300_000)).isEqualTo("5.3 MB");
    }
}
