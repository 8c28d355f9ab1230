package uk.gov.education.datasharing.intake.pipeline;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Outcome;

/** The outcome of one submission and every finding behind it, worded for people. */
public record Decision(Outcome outcome, List<Defect> findings) {

    public Decision {
        findings = List.copyOf(findings);
    }

    public boolean quarantined() {
        return outcome == Outcome.QUARANTINED;
    }
}
