package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Items that identify people (the identifiability levels in rules.yaml) are supplied only directly. */
final class IdentifiableOnlyByDirectSupply implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        if (ApplicationFacts.directSupply(submission, schemas)) {
            return List.of();
        }
        List<Integer> levels = schemas.rules().identifiabilityNeedsDirectSupply();
        return RequestedItems.problems(submission, schemas, i -> levels.stream().anyMatch(l -> String.valueOf(l).equals(i.identifiability())),
                i -> i.problem(ProblemCode.IDENTIFIABLE_NEEDS_DIRECT_SUPPLY).with("identifiability", i.identifiability()));
    }
}
