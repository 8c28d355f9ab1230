package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Special category items (the sensitivity levels in rules.yaml) need an Article 9 condition in the form. */
final class Article9ForSpecialCategory implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        if (ApplicationFacts.article9(submission, schemas)) {
            return List.of();
        }
        List<String> special = schemas.rules().sensitivityNeedsArticle9();
        return RequestedItems.problems(submission, schemas, i -> special.stream().anyMatch(s -> s.equalsIgnoreCase(i.sensitivity())),
                i -> i.problem(ProblemCode.ARTICLE_9_NEEDED));
    }
}
