package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.schema.Routing;

/** What validating a submission concluded: its outcome, every problem, and where else to send the applicant. */
public record Validation(Outcome outcome, List<Defect> problems, List<Routing.Redirect> redirects) {

    public enum Outcome {
        /** Complete: goes to the team for review. */
        ACCEPTED,
        /** Problems the applicant must fix. */
        DEFECTS,
        /** Only datasets another body handles: the applicant is sent there. */
        REDIRECTED,
        /** No application documents: a question for the team. */
        ENQUIRY
    }

    public Validation {
        problems = List.copyOf(problems);
        redirects = List.copyOf(redirects);
    }
}
