package uk.gov.education.datasharing.intake.pipeline;

/** The stages of the intake, each one class with one job, in the order {@link MessageIntake} calls them; built by {@link IntakeWiring}. */
public record IntakeStages(SpoolMessage spool, CountAttempt attempts, KeepMessage keep, ScreenMessage screen, ExtractFiles extract,
                           LinkCase link, ValidateSubmission validate, DecideOutcome decide, RecordCase record,
                           QuarantineMessage quarantine, IgnoreMessage ignore) {
}
