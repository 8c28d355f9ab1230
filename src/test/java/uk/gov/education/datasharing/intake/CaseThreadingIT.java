package uk.gov.education.datasharing.intake;


import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.triage.CaseLinker;

import static org.assertj.core.api.Assertions.assertThat;

/** Follow-ups find their case by reference or by replying to our email, but only from the case's sender. */
class CaseThreadingIT extends GatewayITSupport {

    private String firstCase() throws Exception {
        harness.deliver(IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Application"));
        harness.start();
        harness.awaitReplies(GatewayHarness.APPLICANT, 1);
        return cases().get(0).reference();
    }

    @Test
    void shouldAddAVersionWhenTheSenderQuotesTheReferenceInTheSubject() throws Exception {
        String reference = firstCase();
        harness.deliver(IntakeReliabilityIT.application(GatewayHarness.APPLICANT.toUpperCase(), "Updated form for " + reference.toLowerCase()));
        harness.awaitReplies(GatewayHarness.APPLICANT, 2);

        List<CaseSummary> cases = cases();
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).versions()).isEqualTo(2);
        MimeMessage second = harness.repliesTo(GatewayHarness.APPLICANT).get(1);
        assertThat(second.getSubject()).contains(reference, "version 2");
    }

    @Test
    void shouldAddAVersionWhenTheSenderRepliesToOurEmail() throws Exception {
        String reference = firstCase();
        MimeMessage acknowledgement = harness.repliesTo(GatewayHarness.APPLICANT).get(0);
        harness.deliver("In-Reply-To: " + acknowledgement.getMessageID() + "\r\n"
                + IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Re: your email"));
        harness.awaitReplies(GatewayHarness.APPLICANT, 2);

        assertThat(cases()).singleElement().satisfies(c -> {
            assertThat(c.reference()).isEqualTo(reference);
            assertThat(c.versions()).isEqualTo(2);
        });
    }

    @Test
    void shouldOpenAFlaggedCaseWhenAnotherSenderQuotesTheReference() throws Exception {
        String reference = firstCase();
        harness.deliver(IntakeReliabilityIT.application("stranger@elsewhere.test", "About " + reference));
        harness.awaitReplies("stranger@elsewhere.test", 1);

        List<CaseSummary> cases = cases();
        assertThat(cases).hasSize(2);
        CaseSummary original = cases.stream().filter(c -> c.reference().equals(reference)).findFirst().orElseThrow();
        CaseSummary other = cases.stream().filter(c -> !c.reference().equals(reference)).findFirst().orElseThrow();
        assertThat(original.versions()).isEqualTo(1);
        assertThat(other.flags()).containsExactly(CaseLinker.FLAG_OTHER_SENDER);
        assertThat(harness.repliesTo("stranger@elsewhere.test").get(0).getSubject()).doesNotContain(reference);
    }

    @Test
    void shouldOpenAFlaggedCaseWhenTheReferenceIsMistyped() throws Exception {
        String reference = firstCase();
        char last = reference.charAt(reference.length() - 1);
        String mistyped = reference.substring(0, reference.length() - 1) + (last == 'A' ? 'B' : 'A');
        harness.deliver(IntakeReliabilityIT.application(GatewayHarness.APPLICANT, "Update " + mistyped));
        harness.awaitReplies(GatewayHarness.APPLICANT, 2);

        List<CaseSummary> cases = cases();
        assertThat(cases).hasSize(2);
        assertThat(cases.stream().filter(c -> !c.reference().equals(reference)).findFirst().orElseThrow().flags())
                .containsExactly(CaseLinker.FLAG_MISTYPED);
    }
}
