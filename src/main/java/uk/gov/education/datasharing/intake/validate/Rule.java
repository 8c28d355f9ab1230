package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * One named check of a submission: its facts (and the schemas) in, every problem it finds out. A rule
 * reads nothing another rule wrote and keeps no state, so rules run in any order and are tested alone.
 */
@FunctionalInterface
public interface Rule {

    List<Problem> check(Submission submission, Schemas schemas);
}
