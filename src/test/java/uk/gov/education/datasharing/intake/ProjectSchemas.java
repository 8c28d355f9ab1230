package uk.gov.education.datasharing.intake;

import java.nio.file.Path;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** The project's own schemas/, loaded once for tests, and problems worded by its problems.yaml. */
public final class ProjectSchemas {

    public static final Schemas SCHEMAS = Schemas.load(Path.of("schemas"));

    private ProjectSchemas() {
    }

    public static Defect render(Problem problem) {
        return SCHEMAS.problems().render(problem);
    }
}
