package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Full-address items (rules.yaml, matched on the alias stem) are never supplied into the ONS Secure Research Service. */
final class NoFullAddressInSrs implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        if (ApplicationFacts.directSupply(submission, schemas)) {
            return List.of();
        }
        List<String> address = schemas.rules().fullAddressItems();
        return RequestedItems.problems(submission, schemas, i -> address.stream().anyMatch(a -> a.equalsIgnoreCase(i.stem())),
                i -> i.problem(ProblemCode.FULL_ADDRESS_IN_SRS));
    }
}
