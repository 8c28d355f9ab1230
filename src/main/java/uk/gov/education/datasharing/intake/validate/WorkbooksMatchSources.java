package uk.gov.education.datasharing.intake.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Each workbook source ticked in the form has its data tables, and each workbook sent is ticked. */
final class WorkbooksMatchSources implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        if (submission.form().isEmpty()) {
            return List.of();
        }
        FormAnswers form = submission.form().get();
        Set<String> ticked = new HashSet<>();
        form.answer(ApplicationFacts.answers(schemas).dataSources()).ifPresent(a -> Answers.values(a).forEach(v -> ticked.add(v.toUpperCase(Locale.ROOT))));
        Set<String> attached = new HashSet<>();
        submission.tables().forEach(t -> attached.add(t.source().toUpperCase(Locale.ROOT)));
        String label = schemas.applicationForm().field(ApplicationFacts.answers(schemas).dataSources()).map(f -> f.label()).orElse("");
        List<Problem> problems = new ArrayList<>();
        for (String source : schemas.rules().workbookSources()) {
            String key = source.toUpperCase(Locale.ROOT);
            if (ticked.contains(key) != attached.contains(key)) {
                ProblemCode code = ticked.contains(key) ? ProblemCode.WORKBOOK_MISSING : ProblemCode.WORKBOOK_NOT_TICKED;
                problems.add(Problem.of(code, form.document(), label, source).with("source", source));
            }
        }
        return problems;
    }
}
