package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Under direct supply, each other organisation named (one per line) needs its data sharing agreement. */
final class AgreementPerOrganisation implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        if (!ApplicationFacts.directSupply(submission, schemas)) {
            return List.of();
        }
        List<String> organisations = submission.form().flatMap(f -> f.answer(ApplicationFacts.answers(schemas).otherOrganisations()))
                .filter(a -> !Answers.isNotApplicable(a))
                .map(a -> a.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()).orElse(List.of());
        long agreements = submission.count(DocumentKind.DATA_SHARING_AGREEMENT);
        if (organisations.size() <= agreements) {
            return List.of();
        }
        return List.of(Problem.of(ProblemCode.AGREEMENT_MISSING, Validator.APPLICATION, "",
                        organisations.size() + " organisations, " + agreements + " agreements")
                .with("organisations", organisations.size()).with("agreements", agreements)
                .with("one-organisation", organisations.size() == 1).with("one-agreement", agreements == 1));
    }
}
