package uk.gov.education.datasharing.intake.model;

/** What the gateway decided about the newest submission of a case. Validation (a later stage) adds more. */
public enum Outcome {
    /** Files stored and acknowledged; not yet validated. */
    RECEIVED,
    /** Could not be processed; kept for ops. */
    QUARANTINED
}
