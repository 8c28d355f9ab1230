package uk.gov.education.datasharing.intake.triage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.model.CaseReference;

import static org.assertj.core.api.Assertions.assertThat;

class CaseLinkerTest {

    private final CaseLinker linker = new CaseLinker();
    private final CaseReference known = CaseReference.generate(new Random(1));
    private final Map<String, String> owners = Map.of(known.value(), "owner@uni.test");

    private CaseLinker.Decision decide(String sender, String subject, List<String> repliedTo) {
        return decide(sender, true, subject, repliedTo);
    }

    private CaseLinker.Decision decide(String sender, boolean authenticated, String subject, List<String> repliedTo) {
        return linker.decide(sender, authenticated, CaseReference.findIn(subject), repliedTo, ref -> Optional.ofNullable(owners.get(ref)));
    }

    @Test
    void shouldJoinTheCaseWhenItsSenderQuotesTheReference() {
        assertThat(decide("owner@uni.test", "Re: " + known.value(), List.of())).isEqualTo(new CaseLinker.ExistingCase(known.value()));
    }

    @Test
    void shouldJoinTheCaseWhenItsSenderRepliesToOurEmail() {
        assertThat(decide("owner@uni.test", "Re: hello", List.of(known.value()))).isEqualTo(new CaseLinker.ExistingCase(known.value()));
    }

    @Test
    void shouldOpenAFlaggedCaseForAnotherSender() {
        assertThat(decide("someone@else.test", known.value(), List.of()))
                .isEqualTo(new CaseLinker.NewCase(List.of(CaseLinker.FLAG_OTHER_SENDER), known.value()));
    }

    /** Issue 9: a forged From (the applicant's address, not authenticated) must not join, and so cannot rewrite, the case. */
    @Test
    void shouldOpenAFlaggedCasePointingToTheQuotedOneWhenTheSenderIsNotAuthenticated() {
        assertThat(decide("owner@uni.test", false, "Re: " + known.value(), List.of()))
                .isEqualTo(new CaseLinker.NewCase(List.of(CaseLinker.FLAG_NOT_AUTHENTICATED), known.value()));
    }

    @Test
    void shouldFlagMistypedAndUnknownReferences() {
        String value = known.value();
        String typo = value.substring(0, 12) + (value.charAt(12) == 'A' ? 'B' : 'A');
        assertThat(decide("owner@uni.test", typo, List.of())).isEqualTo(new CaseLinker.NewCase(List.of(CaseLinker.FLAG_MISTYPED)));
        CaseReference unknown = CaseReference.generate(new Random(2));
        assertThat(decide("owner@uni.test", unknown.value(), List.of())).isEqualTo(new CaseLinker.NewCase(List.of(CaseLinker.FLAG_UNKNOWN)));
    }

    @Test
    void shouldOpenAPlainCaseWithoutAReference() {
        assertThat(decide("owner@uni.test", "Application for NPD data", List.of())).isEqualTo(new CaseLinker.NewCase(List.of()));
    }
}
