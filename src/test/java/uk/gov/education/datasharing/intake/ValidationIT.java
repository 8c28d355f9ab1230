package uk.gov.education.datasharing.intake;


import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.validate.Forms;

import static org.assertj.core.api.Assertions.assertThat;

/** Submissions validated by the running gateway: the case's outcome and the reply the applicant gets. */
@Timeout(120) // hostile input: a regression into a hang fails here instead of hanging the build
class ValidationIT extends GatewayITSupport {

    static String text(MimeMessage reply) throws Exception {
        return ((String) ((MimeMultipart) reply.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    static Map<String, String> application() {
        Map<String, String> answers = Forms.srsApplication();
        answers.put("data.needed-by", LocalDate.now().plusMonths(1).toString());
        return answers;
    }

    @Test
    void aRequestOnlyForDeaDatasetsIsRedirectedToOns() throws Exception {
        Map<String, String> answers = application();
        answers.put("data.datasets", "Longitudinal education outcomes");
        answers.put("data.sources", "Other");
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "LEO application", "Attached",
                "application-form.docx", Documents.form(answers)));
        harness.start();

        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        MimeMessage reply = harness.repliesTo(GatewayHarness.APPLICANT).get(0);
        assertThat(reply.getSubject()).startsWith("Where to apply for this data: reference DSI-");
        assertThat(text(reply)).contains("Apply to another service for this data", "- Apply to the ONS Research Accreditation Service.")
                .doesNotContain("There is a problem");
        assertThat(cases()).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.REDIRECTED));
    }

    @Test
    void aWorkbookWithThousandsOfBadRowsIsAnsweredGroupedAndStoredBounded() throws Exception {
        String[][] rows = new String[3_004][];
        rows[0] = new String[] {"'By request' Data items"};
        rows[1] = new String[] {"NPDAlias", "Years Populated", "Identifiability", "Sensitivity", "Data request data item required?",
                "Data request years required?"};
        for (int i = 2; i < rows.length; i++) {
            rows[i] = new String[] {"ITEM" + i, "2001/02 - ", "5", "E", "Yes", ""};
        }
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("KS4", rows);
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached",
                "application-form.docx", Documents.form(application()), "npd.xlsx", Documents.xlsx(sheets)));
        harness.start();

        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        String text = text(harness.repliesTo(GatewayHarness.APPLICANT).get(0));
        assertThat(text).startsWith("There is a problem with your application")
                .contains("npd.xlsx\n- sheet KS4, cell E3: Say which years you need for ITEM2.", "more rows like this in sheet KS4",
                        "There are 1003 more problems than we list here.");
        String reference = cases().get(0).reference();
        long stored = harness.gateway().database().inTransaction(c -> {
            var submission = new Cases(harness.gateway().sealer()).submissions(c, reference).get(0);
            return (long) new Cases(harness.gateway().sealer()).findings(c, submission.id()).size();
        });
        assertThat(stored).isEqualTo(2_000);
        assertThat(cases().get(0).outcome()).isEqualTo(Outcome.DEFECTS);
    }

    @Test
    void aResubmissionIsValidatedAsTheWholeCaseAndTheReplySaysWhatIsFixed() throws Exception {
        Map<String, String> incomplete = application();
        incomplete.remove("applicant.phone");
        harness.deliver(Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Application", "Attached",
                "application-form.docx", Documents.form(incomplete), "npd.xlsx", Documents.npdWorkbook("NPD Alias")));
        harness.start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        MimeMessage first = harness.repliesTo(GatewayHarness.APPLICANT).get(0);
        assertThat(text(first)).contains("- Telephone number: Enter telephone number.");
        String reference = cases().get(0).reference();

        // only the corrected form, in a reply: the workbook from the first email still counts
        String raw = Mails.withAttachments(GatewayHarness.APPLICANT, GatewayHarness.MAILBOX, "Re: " + first.getSubject(), "Corrected",
                "application-form-v2.docx", Documents.form(application()));
        harness.deliver(Mails.withHeaders("In-Reply-To: " + first.getMessageID() + "\r\n", raw));
        harness.awaitReplies(GatewayHarness.APPLICANT, 2);
        String second = text(harness.repliesTo(GatewayHarness.APPLICANT).get(1));
        assertThat(second).contains("We have received your update", "We have checked it and it is complete.",
                "Fixed since your last email", "- application-form.docx, Telephone number: Enter telephone number.");
        assertThat(cases()).singleElement().satisfies(c -> {
            assertThat(c.reference()).isEqualTo(reference);
            assertThat(c.versions()).isEqualTo(2);
            assertThat(c.outcome()).isEqualTo(Outcome.ACCEPTED);
        });
        String sealed = harness.gateway().database().inTransaction(c -> {
            try (var select = c.prepareStatement("select sealed from document_state where case_reference = ? and part = 'form'")) {
                select.setString(1, reference);
                try (var rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        // whole answers and field names, not three letters: "Ada" turned up by chance in the base64 of the ciphertext (CI, 2026-12-02)
        assertThat(sealed).isNotBlank().doesNotContain("Dr Ada Researcher").doesNotContain("Researcher").doesNotContain("Attainment gaps")
                .doesNotContain("applicant.name");
    }
}
