package uk.gov.education.datasharing.intake.pipeline;

import java.util.ArrayList;
import java.util.List;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.ProblemTexts;
import uk.gov.education.datasharing.intake.schema.Routing;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.validate.Validation;

/**
 * Decide stage, and the one place the outcome of a submission is decided, for the gateway and for
 * {@code validate} alike: QUARANTINED when a file is unsafe; ENQUIRY when there are no application
 * documents; REDIRECTED when every request belongs to another body; DEFECTS when any problem is an error
 * (in the files, the reading or the rules); ACCEPTED otherwise. Findings are worded here from
 * schemas/problems.yaml: files first, then reading, the rules, redirects and what is fixed since last time.
 */
public final class DecideOutcome {

    private final ProblemTexts texts;

    public DecideOutcome(ProblemTexts texts) {
        this.texts = texts;
    }

    /**
     * @param fileProblems problems finding and checking the files
     * @param validated    what validation found; its validation is null when it was skipped (an unsafe file)
     */
    public Decision decide(List<Problem> fileProblems, Validated validated) {
        List<Problem> problems = new ArrayList<>(fileProblems);
        if (problems.stream().anyMatch(p -> p.severity() == Defect.Severity.UNSAFE) || validated.validation() == null) {
            return new Decision(Outcome.QUARANTINED, problems.stream().map(texts::render).toList());
        }
        Validation validation = validated.validation();
        problems.addAll(validated.readerProblems());
        problems.addAll(validation.problems());
        for (Routing.Redirect redirect : validation.redirects()) {
            problems.add(Problem.of(ProblemCode.REDIRECT, "", redirect.to(), "").with("to", redirect.to())
                    .with("message", redirect.message()).with("link", redirect.link()));
        }
        problems.addAll(fixedSince(validated.previous(), problems));
        boolean errors = problems.stream().anyMatch(p -> p.severity() != Defect.Severity.WARNING);
        Outcome outcome = switch (validation.scope()) {
            case NOT_AN_APPLICATION -> Outcome.ENQUIRY;
            case REDIRECT_ONLY -> Outcome.REDIRECTED;
            case APPLICATION -> errors ? Outcome.DEFECTS : Outcome.ACCEPTED;
        };
        return new Decision(outcome, problems.stream().map(texts::render).toList());
    }

    /** The previous version's errors that this version no longer has (same code and place). */
    static List<Problem> fixedSince(List<Cases.StoredFinding> before, List<Problem> now) {
        List<Problem> fixed = new ArrayList<>();
        for (Cases.StoredFinding old : before) {
            boolean stillThere = now.stream().anyMatch(p -> p.code().name().equals(old.code()) && p.location().equals(old.location()));
            if (!stillThere && old.severity().equals(Defect.Severity.ERROR.name()) && !old.message().isEmpty()) {
                fixed.add(Problem.of(ProblemCode.FIXED, old.document(), old.location(), "").with("message", old.message()));
            }
        }
        return fixed;
    }
}
