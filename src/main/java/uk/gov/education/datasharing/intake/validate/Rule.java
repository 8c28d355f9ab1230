package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** One named check of a submission; it adds every problem it finds, never stopping at the first. */
public interface Rule {

    void check(Submission submission, Schemas schemas, List<Defect> problems);
}
