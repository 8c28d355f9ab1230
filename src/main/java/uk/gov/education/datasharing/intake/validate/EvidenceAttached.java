package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.FormSchema;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Evidence a questionnaire "Yes" refers to (where the schema names its kind) is in the case. Background
 * checks under direct supply are left to {@link BackgroundChecksForDirectSupply}, which asks for them
 * whatever the answer, so the applicant is not told twice.
 */
final class EvidenceAttached implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        boolean direct = ApplicationFacts.directSupply(submission, schemas);
        return submission.questionnaire().map(answers -> schemas.questionnaire().fields().stream()
                .filter(q -> q.evidenceKind() != null && answers.answer(q.id()).filter(a -> a.equalsIgnoreCase("Yes")).isPresent())
                .filter(q -> missing(submission, q, direct))
                .map(q -> Problem.of(ProblemCode.EVIDENCE_NOT_ATTACHED, answers.document(), q.label(), "").with("evidence", java.util.Objects.toString(q.evidence(), "")))
                .toList()).orElse(List.of());
    }

    private static boolean missing(Submission submission, FormSchema.Field question, boolean direct) {
        DocumentKind kind = DocumentKind.fromId(question.evidenceKind()).orElseThrow();
        return !submission.has(kind) && !(direct && kind == DocumentKind.BACKGROUND_CHECK_EVIDENCE);
    }
}
