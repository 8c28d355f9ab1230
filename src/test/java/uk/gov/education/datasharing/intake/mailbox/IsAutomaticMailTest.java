package uk.gov.education.datasharing.intake.mailbox;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IsAutomaticMailTest {

    private final IsAutomaticMail rule = new IsAutomaticMail("Data.Sharing@education.test");

    private static Envelope envelope(String sender, String autoSubmitted, String precedence, boolean list, boolean report,
                                     boolean emptyReturnPath) {
        return new Envelope(Optional.ofNullable(sender), autoSubmitted, precedence, list, report, emptyReturnPath, "", List.of(), List.of());
    }

    @Test
    void shouldAnswerAPerson() {
        assertThat(rule.reason(envelope("a@b.test", null, null, false, false, false))).isEmpty();
        assertThat(rule.reason(envelope("a@b.test", "no", null, false, false, false))).isEmpty();
    }

    @Test
    void shouldNotAnswerAutomaticMail() {
        assertThat(rule.reason(envelope("a@b.test", "auto-replied", null, false, false, false))).contains("AUTO_SUBMITTED");
        assertThat(rule.reason(envelope("a@b.test", "auto-generated; foo", null, false, false, false))).contains("AUTO_SUBMITTED");
        assertThat(rule.reason(envelope("a@b.test", null, "bulk", false, false, false))).contains("BULK_PRECEDENCE");
        assertThat(rule.reason(envelope("a@b.test", null, "junk", false, false, false))).contains("BULK_PRECEDENCE");
        assertThat(rule.reason(envelope("a@b.test", null, "list", false, false, false))).contains("BULK_PRECEDENCE");
        assertThat(rule.reason(envelope("a@b.test", null, null, true, false, false))).contains("MAILING_LIST");
        assertThat(rule.reason(envelope("a@b.test", null, null, false, true, false))).contains("DELIVERY_REPORT");
        assertThat(rule.reason(envelope("a@b.test", null, null, false, false, true))).contains("EMPTY_RETURN_PATH");
    }

    @Test
    void shouldNotAnswerItselfOrNobody() {
        assertThat(rule.reason(envelope("data.sharing@education.test", null, null, false, false, false))).contains("OWN_ADDRESS");
        assertThat(rule.reason(envelope(null, null, null, false, false, false))).contains("NO_SENDER");
    }
}
