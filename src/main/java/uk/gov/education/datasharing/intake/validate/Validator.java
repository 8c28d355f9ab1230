package uk.gov.education.datasharing.intake.validate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.schema.Routing;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Runs every rule over a submission. Routing comes first: a request only for datasets another body
 * handles is redirected without running the rules; one that mixes them with DfE data gets both. A message
 * with no application documents is not an application.
 */
public final class Validator {

    /** The document name of problems about the application as a whole. */
    static final String APPLICATION = "Your application";

    /** Every rule; each reads only the submission and the schemas, so the order is only the order of the list. */
    static final List<Rule> RULES = List.of(new FormPresent(), new FormControlsPresent(), new RequiredAnswersGiven(), new AnswerFormats(),
            new DataNeededDate(), new QuestionnaireForDirectSupply(), new BackgroundChecksForDirectSupply(), new AgreementPerOrganisation(),
            new QuestionnaireAnswersAcceptable(), new EvidenceAttached(), new ExplanationsGiven(), new RowsWithinLimit(),
            new KnownItems(), new CurrentClassifications(), new YearsRequested(), new IdentifiableOnlyByDirectSupply(),
            new NeverSuppliedItems(), new NoFullAddressInSrs(), new Article9ForSpecialCategory(), new ItemsRequested(),
            new WorkbooksMatchSources());

    private final Schemas schemas;

    public Validator(Schemas schemas) {
        this.schemas = schemas;
    }

    public Validation validate(Submission submission) {
        Set<String> routes = routes(submission);
        List<Routing.Redirect> redirects = routes.stream().filter(r -> !r.equals(Routing.DFE))
                .map(r -> schemas.routing().redirects().get(r)).toList();
        if (!applicationDocuments(submission) && redirects.isEmpty()) {
            return new Validation(Validation.Scope.NOT_AN_APPLICATION, List.of(), List.of());
        }
        if (!redirects.isEmpty() && !routes.contains(Routing.DFE) && submission.tables().isEmpty()) {
            return new Validation(Validation.Scope.REDIRECT_ONLY, List.of(), redirects);
        }
        List<Problem> problems = new ArrayList<>();
        for (Rule rule : RULES) {
            problems.addAll(rule.check(submission, schemas));
        }
        return new Validation(Validation.Scope.APPLICATION, problems, redirects);
    }

    private static boolean applicationDocuments(Submission submission) {
        return submission.form().isPresent() || submission.questionnaire().isPresent() || !submission.tables().isEmpty()
                || submission.has(DocumentKind.APPLICATION_FORM) || submission.has(DocumentKind.SECURITY_QUESTIONNAIRE)
                || submission.documents().stream().anyMatch(d -> d.kind().isDataTables());
    }

    /** The services the submission's datasets (and any document another body handles) belong to. */
    private Set<String> routes(Submission submission) {
        Set<String> routes = new LinkedHashSet<>();
        submission.form().flatMap(f -> f.answer(ApplicationFacts.answers(schemas).datasets())).ifPresent(answer -> {
            for (String name : Answers.values(answer)) {
                schemas.routing().dataset(name).ifPresent(d -> routes.add(d.route()));
            }
        });
        if (!submission.tables().isEmpty()) {
            routes.add(Routing.DFE);
        }
        schemas.routing().documentRoutes().forEach((kind, route) -> {
            if (submission.has(DocumentKind.fromId(kind).orElseThrow())) {
                routes.add(route);
            }
        });
        routes.removeIf(r -> !r.equals(Routing.DFE) && !schemas.routing().redirects().containsKey(r));
        return routes;
    }
}
