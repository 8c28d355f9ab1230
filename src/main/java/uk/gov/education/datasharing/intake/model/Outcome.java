package uk.gov.education.datasharing.intake.model;

/** What the gateway decided about the newest submission of a case. */
public enum Outcome {
    /** Files stored and acknowledged; not validated (from before validation existed). */
    RECEIVED,
    /** Complete: with the team for review. */
    ACCEPTED,
    /** Problems the applicant must fix; waiting for them. */
    DEFECTS,
    /** Only datasets another body handles: the applicant was sent there. */
    REDIRECTED,
    /** No application documents: a question for the team to read. */
    ENQUIRY,
    /** Could not be processed; kept for ops. */
    QUARANTINED
}
