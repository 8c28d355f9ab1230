package uk.gov.education.datasharing.intake.model;


/** Where a case stands in the team's workflow. Validation (a later stage) adds more. */
public enum CaseStatus {
    /** Waiting for the team. */
    OPEN,
    /** Processing kept failing; the raw message is kept encrypted for ops to look at and reprocess. */
    QUARANTINED
}
