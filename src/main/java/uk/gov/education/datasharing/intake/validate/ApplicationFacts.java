package uk.gov.education.datasharing.intake.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.schema.FormSchema;
import uk.gov.education.datasharing.intake.schema.RuleParameters;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Answers several rules depend on, read the same way by each (field ids from rules.yaml {@code answers}). */
final class ApplicationFacts {

    private ApplicationFacts() {
    }

    static RuleParameters.Answers answers(Schemas schemas) {
        return schemas.rules().answers();
    }

    /** The form says the data is to be supplied directly (not through the ONS Secure Research Service). */
    static boolean directSupply(Submission submission, Schemas schemas) {
        RuleParameters.Answers a = answers(schemas);
        return submission.form().map(f -> f.is(a.accessRoute(), a.directSupply())).orElse(false);
    }

    /** The form gives an Article 9 condition for special category data. */
    static boolean article9(Submission submission, Schemas schemas) {
        return submission.form().flatMap(f -> f.answer(answers(schemas).article9())).filter(a -> !Answers.isNotApplicable(a)).isPresent();
    }

    /** What a check of one form finds in the application form and in the questionnaire, in that order. */
    static List<Problem> inBothForms(Submission submission, Schemas schemas, BiFunction<FormAnswers, FormSchema, List<Problem>> check) {
        List<Problem> problems = new ArrayList<>();
        submission.form().ifPresent(form -> problems.addAll(check.apply(form, schemas.applicationForm())));
        submission.questionnaire().ifPresent(form -> problems.addAll(check.apply(form, schemas.questionnaire())));
        return problems;
    }

    /** A label inside a sentence: "Full name" becomes "full name", but "ICO registration number" stays. */
    static String lower(String label) {
        if (label.length() < 2 || Character.isUpperCase(label.charAt(1))) {
            return label;
        }
        return Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }
}
