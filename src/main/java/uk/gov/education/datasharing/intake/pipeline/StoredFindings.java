package uk.gov.education.datasharing.intake.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.ProblemTexts;

/**
 * What of a decision's findings the case index keeps: never the applicant's answers (a finding about an
 * answer keeps where and what is wrong, not what was written), and at most {@link #MAX} findings, the last
 * saying how many more there were, so a workbook with thousands of bad rows stays a bounded record.
 */
final class StoredFindings {

    /** Findings kept per submission. */
    static final int MAX = 2_000;

    private static final Set<String> ANSWER_CODES = Set.of(ProblemCode.ANSWER_FORMAT.name(), ProblemCode.ANSWER_NOT_APPLICABLE.name(),
            ProblemCode.ANSWER_MUST_BE.name(), ProblemCode.EXPLANATION_MISSING.name(), ProblemCode.DATA_NEEDED_TOO_FAR_AHEAD.name());

    private final ProblemTexts texts;

    StoredFindings(ProblemTexts texts) {
        this.texts = texts;
    }

    List<Defect> keep(List<Defect> findings) {
        List<Defect> kept = new ArrayList<>(findings.stream().map(StoredFindings::withoutAnswer).toList());
        if (kept.size() > MAX) {
            int dropped = kept.size() - (MAX - 1);
            kept.subList(MAX - 1, kept.size()).clear();
            kept.add(texts.render(Problem.of(ProblemCode.MORE_PROBLEMS, "", "", String.valueOf(dropped)).with("count", dropped)));
        }
        return kept;
    }

    private static Defect withoutAnswer(Defect d) {
        return ANSWER_CODES.contains(d.code()) ? new Defect(d.code(), d.severity(), d.document(), d.location(), "", d.message(), d.fix()) : d;
    }
}
