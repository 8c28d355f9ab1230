package uk.gov.education.datasharing.intake;

import uk.gov.education.datasharing.intake.inspect.InspectionFindings;
import uk.gov.education.datasharing.intake.mime.ExtractionFindings;
import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.store.Cases.StoredFinding;

/**
 * Rebuilds a stored finding into the defect shown to people: from its stored wording, or, for rows stored
 * before findings kept their wording, from whichever stage's code it carries.
 */
final class Findings {

    private Findings() {
    }

    static Defect of(StoredFinding f) {
        if (!f.message().isEmpty()) {
            return new Defect(f.code(), Defect.Severity.valueOf(f.severity()), f.document(), f.location(), f.found(), f.message(), f.fix());
        }
        return InspectionFindings.knows(f.code())
                ? InspectionFindings.of(f.code(), f.document(), f.location(), f.found())
                : ExtractionFindings.of(f.code(), f.document(), f.location(), f.found());
    }
}
