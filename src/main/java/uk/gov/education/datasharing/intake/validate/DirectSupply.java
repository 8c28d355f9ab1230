package uk.gov.education.datasharing.intake.validate;

import java.util.List;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Defect.Severity;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * Direct supply needs, besides an exemption (a required-when field): the security questionnaire, evidence
 * of background checks, and a data sharing agreement for each other organisation named. SRS access needs
 * accredited researchers (a required-when field too).
 */
public final class DirectSupply implements Rule {

    static final String ROUTE = "access.route";
    static final String DIRECT = "Direct supply";
    static final String OTHER_ORGANISATIONS = "access.other-organisations";

    @Override
    public void check(Submission submission, Schemas schemas, List<Defect> problems) {
        if (submission.form().isEmpty() || !submission.form().get().is(ROUTE, DIRECT)) {
            return;
        }
        FormAnswers form = submission.form().get();
        if (submission.questionnaire().isEmpty() && !submission.has(DocumentKind.SECURITY_QUESTIONNAIRE)) {
            problems.add(new Defect("QUESTIONNAIRE_MISSING", Severity.ERROR, "Your application", "", "",
                    "Direct supply needs the information security questionnaire, and it was not attached.",
                    "Fill in the information security questionnaire and send it."));
        }
        if (!submission.has(DocumentKind.BACKGROUND_CHECK_EVIDENCE)) {
            problems.add(new Defect("EVIDENCE_MISSING", Severity.ERROR, "Your application", "", "",
                    "Direct supply needs evidence of background checks (such as BPSS) for the staff who will handle the data.",
                    "Send the evidence of background checks as a PDF or Word document."));
        }
        List<String> organisations = form.answer(OTHER_ORGANISATIONS).filter(a -> !Answers.isNotApplicable(a))
                .map(a -> a.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()).orElse(List.of());
        long agreements = submission.count(DocumentKind.DATA_SHARING_AGREEMENT);
        if (organisations.size() > agreements) {
            problems.add(new Defect("AGREEMENT_MISSING", Severity.ERROR, "Your application", "",
                    organisations.size() + " organisations, " + agreements + " agreements",
                    "You named " + organisations.size() + " other organisation" + (organisations.size() == 1 ? "" : "s")
                            + " but sent " + agreements + " data sharing agreement" + (agreements == 1 ? "" : "s") + ".",
                    "Send the data sharing agreement with each other organisation involved."));
        }
    }
}
