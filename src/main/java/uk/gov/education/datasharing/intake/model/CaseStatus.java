package uk.gov.education.datasharing.intake.model;

/** Where a case stands. Validation (a later stage) will add accepted, defects and redirected. */
public enum CaseStatus {
    /** Files stored and acknowledged; waiting for the team. */
    RECEIVED,
    /** Processing kept failing; the raw message is kept encrypted for ops to look at and reprocess. */
    QUARANTINED
}
