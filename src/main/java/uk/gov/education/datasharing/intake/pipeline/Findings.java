package uk.gov.education.datasharing.intake.pipeline;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.ProblemTexts;
import uk.gov.education.datasharing.intake.store.Cases.StoredFinding;

/**
 * Rebuilds a stored finding into the defect shown to people: from its stored wording, or, for rows stored
 * before findings kept their wording, from today's wording of its code.
 */
final class Findings {

    private Findings() {
    }

    static Defect of(StoredFinding f, ProblemTexts texts) {
        if (!f.message().isEmpty()) {
            return new Defect(f.code(), Defect.Severity.valueOf(f.severity()), f.document(), f.location(), f.found(), f.message(), f.fix());
        }
        return ProblemCode.find(f.code()).map(code -> texts.render(Problem.of(code, f.document(), f.location(), f.found())))
                .orElseGet(() -> new Defect(f.code(), Defect.Severity.valueOf(f.severity()), f.document(), f.location(), f.found(),
                        "We could not read part of your email.", ""));
    }
}
