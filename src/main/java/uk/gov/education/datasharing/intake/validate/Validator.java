package uk.gov.education.datasharing.intake.validate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.schema.Routing;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Runs every rule over a submission and decides its outcome. Routing comes first: a request only for
 * datasets another body handles is redirected without a defect list; one that mixes them with DfE data
 * gets both. A message with no application documents is an enquiry.
 */
public final class Validator {

    static final String DATASETS = "data.datasets";

    private final Schemas schemas;
    private final List<Rule> rules = List.of(new FormCompleteness(), new AnswerFormats(), new DataNeededDate(), new DirectSupply(),
            new QuestionnaireAnswers(), new DataTableRules());

    public Validator(Schemas schemas) {
        this.schemas = schemas;
    }

    public Validation validate(Submission submission) {
        Set<String> routes = routes(submission);
        List<Routing.Redirect> redirects = routes.stream().filter(r -> !r.equals(Routing.DFE))
                .map(r -> schemas.routing().redirects().get(r)).toList();
        boolean applicationDocuments = submission.form().isPresent() || submission.questionnaire().isPresent()
                || !submission.tables().isEmpty() || submission.has(DocumentKind.APPLICATION_FORM)
                || submission.has(DocumentKind.SECURITY_QUESTIONNAIRE) || submission.documents().stream().anyMatch(d -> d.kind().isDataTables());
        if (!applicationDocuments && redirects.isEmpty()) {
            return new Validation(Validation.Outcome.ENQUIRY, List.of(), List.of());
        }
        if (!redirects.isEmpty() && !routes.contains(Routing.DFE) && submission.tables().isEmpty()) {
            return new Validation(Validation.Outcome.REDIRECTED, List.of(), redirects);
        }
        List<Defect> problems = new ArrayList<>();
        if (submission.form().isEmpty()) {
            problems.add(new Defect("FORM_MISSING", Defect.Severity.ERROR, "Your application", "", "",
                    "We could not find the application form among the files you sent.",
                    "Send the completed application form as a Word document (.docx)."));
        }
        for (Rule rule : rules) {
            rule.check(submission, schemas, problems);
        }
        boolean errors = problems.stream().anyMatch(d -> d.severity() != Defect.Severity.WARNING);
        return new Validation(errors ? Validation.Outcome.DEFECTS : Validation.Outcome.ACCEPTED, problems, redirects);
    }

    /** The services the submission's datasets (and any MoJ or commissioned-research form) belong to. */
    private Set<String> routes(Submission submission) {
        Set<String> routes = new LinkedHashSet<>();
        submission.form().flatMap(f -> f.answer(DATASETS)).ifPresent(answer -> {
            for (String name : Answers.values(answer)) {
                schemas.routing().dataset(name).ifPresent(d -> routes.add(d.route()));
            }
        });
        if (!submission.tables().isEmpty()) {
            routes.add(Routing.DFE);
        }
        if (submission.has(DocumentKind.MOJ_APPLICATION_FORM)) {
            routes.add("moj");
        }
        if (submission.has(DocumentKind.COMMISSIONED_RESEARCH_FORM)) {
            routes.add("contract-manager");
        }
        routes.removeIf(r -> !r.equals(Routing.DFE) && !schemas.routing().redirects().containsKey(r));
        return routes;
    }
}
