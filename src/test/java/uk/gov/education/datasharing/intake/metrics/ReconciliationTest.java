package uk.gov.education.datasharing.intake.metrics;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.metrics.Reconciliation.Recorded;

import static org.assertj.core.api.Assertions.assertThat;

/** Mailbox folders against the case index: each kind of discrepancy, and a clean run. */
class ReconciliationTest {

    private static final Recorded ACCEPTED = new Recorded("PROCESSED", "Processed", "ACCEPTED");
    private static final Recorded QUARANTINED = new Recorded("QUARANTINED", "Quarantine", null);

    @Test
    void aCleanRunAddsUpAndCountsWaitingMessages() {
        var result = Reconciliation.compare(Map.of("a1", Set.of("Processed"), "b2", Set.of("Quarantine"), "c3", Set.of("INBOX")),
                Map.of("a1", ACCEPTED, "b2", QUARANTINED), "INBOX");
        assertThat(result.clean()).isTrue();
        assertThat(result.waiting()).isEqualTo(1);
        assertThat(result.totals()).containsExactlyInAnyOrderEntriesOf(Map.of("accepted", 1, "quarantined", 1));
    }

    @Test
    void eachKindOfDiscrepancyIsNamedByShortHash() {
        var result = Reconciliation.compare(Map.of(
                        "aaaaaaaa11", Set.of("Ignored"),                 // moved by hand
                        "bbbbbbbb22", Set.of("Processed", "Quarantine"), // in two folders
                        "cccccccc33", Set.of("Processed"),               // never recorded
                        "dddddddd44", Set.of("Processed")),              // recorded as still in progress
                Map.of("aaaaaaaa11", ACCEPTED, "bbbbbbbb22", ACCEPTED, "dddddddd44", new Recorded("IN_PROGRESS", null, null),
                        "eeeeeeee55", QUARANTINED),                      // in no folder
                "INBOX");
        assertThat(result.clean()).isFalse();
        assertThat(result.discrepancies()).contains("aaaaaaaa: in Ignored but recorded as moved to Processed (PROCESSED)",
                "bbbbbbbb: in 2 folders [Processed, Quarantine]", "cccccccc: in Processed but never recorded",
                "dddddddd: in Processed but recorded as still in progress",
                "eeeeeeee: recorded as moved to Quarantine (QUARANTINED) but in no folder");
    }
}
