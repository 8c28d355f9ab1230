package uk.gov.education.datasharing.intake.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One case as the team and ops see it in listings. */
public record CaseSummary(String reference, CaseStatus status, Outcome outcome, List<String> flags, String sender, Instant createdAt,
                          Instant updatedAt, int versions, int files) {
    public CaseSummary {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(outcome, "outcome");
        flags = List.copyOf(flags);
    }
}
