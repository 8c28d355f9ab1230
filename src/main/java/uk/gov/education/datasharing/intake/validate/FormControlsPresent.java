package uk.gov.education.datasharing.intake.validate;

import java.util.List;
import java.util.stream.Stream;

import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** A form read from its table layout (its content controls were lost) gets a warning saying so. */
final class FormControlsPresent implements Rule {

    @Override
    public List<Problem> check(Submission submission, Schemas schemas) {
        return Stream.of(submission.form(), submission.questionnaire()).flatMap(java.util.Optional::stream).filter(FormAnswers::fromLabels)
                .map(form -> Problem.of(ProblemCode.FORM_CONTROLS_MISSING, form.document(), "", "")).toList();
    }
}
