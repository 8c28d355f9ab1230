package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.schema.Routing;

/**
 * What validating a submission found: what kind of request it is, every problem, and where else to send
 * the applicant. The outcome is decided from this, the file checks and the case elsewhere, in one place.
 */
public record Validation(Scope scope, List<Problem> problems, List<Routing.Redirect> redirects) {

    public enum Scope {
        /** An application (or part of one) for the DfE data sharing service: the rules ran. */
        APPLICATION,
        /** Only for datasets or documents another body handles: the applicant is sent there, no rules ran. */
        REDIRECT_ONLY,
        /** No application documents and nothing to redirect: a question for the team. */
        NOT_AN_APPLICATION
    }

    public Validation {
        problems = List.copyOf(problems);
        redirects = List.copyOf(redirects);
    }
}
