package uk.gov.education.datasharing.intake.model;

/**
 * The team's queues. Every case is in exactly one of them but FLAGGED, which gathers flagged cases that are not
 * finished from whichever queue they are in; see {@code store.CaseQueues} for each one's rule.
 */
public enum CaseQueue {
    NEW("New and unreviewed"),
    DEFECTS("Defects: waiting for the applicant"),
    ENQUIRIES("Enquiries"),
    REDIRECTED("Redirected"),
    QUARANTINED("Quarantined"),
    FLAGGED("Flagged"),
    IN_REVIEW("In review"),
    AT_PANEL("At panel"),
    CLOSED("Closed");

    private final String label;

    CaseQueue(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The name used in addresses: {@code in-review}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static java.util.Optional<CaseQueue> ofSlug(String slug) {
        for (CaseQueue q : values()) {
            if (q.slug().equals(slug)) {
                return java.util.Optional.of(q);
            }
        }
        return java.util.Optional.empty();
    }
}
