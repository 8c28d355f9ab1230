package uk.gov.education.datasharing.intake.model;

/** Where a case stands in the data sharing team's own review, set by the team in the workspace. */
public enum ReviewStatus {
    NEW("Not reviewed"),
    IN_REVIEW("In review"),
    AT_PANEL("Sent to the Data Sharing Approval Panel"),
    APPROVED("Approved"),
    REJECTED("Rejected"),
    WITHDRAWN("Withdrawn"),
    CLOSED("Closed");

    private final String label;

    ReviewStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Approved, rejected, withdrawn and closed cases are finished with. */
    public boolean finished() {
        return this == APPROVED || this == REJECTED || this == WITHDRAWN || this == CLOSED;
    }
}
