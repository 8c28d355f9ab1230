package uk.gov.education.datasharing.intake.validate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.pipeline.DecideOutcome;
import uk.gov.education.datasharing.intake.pipeline.Decision;
import uk.gov.education.datasharing.intake.pipeline.Validated;
import uk.gov.education.datasharing.intake.reply.ProblemList;
import uk.gov.education.datasharing.intake.schema.Catalogue;
import uk.gov.education.datasharing.intake.schema.Routing;
import uk.gov.education.datasharing.intake.schema.Schemas;

import static org.assertj.core.api.Assertions.assertThat;

class ValidatorTest {

    static final Schemas PROJECT = Schemas.load(Path.of("schemas"));
    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    Map<String, String> form = Forms.srsApplication();
    Map<String, String> isq = null;
    List<DataTables.RequestedItem> items = new ArrayList<>(List.of(item("EthnicGroupMajor", "5", "D", "All available", "2001/02 - ")));
    List<Submission.Document> documents = new ArrayList<>();
    boolean truncated;
    Schemas schemas = PROJECT;

    static DataTables.RequestedItem item(String alias, String ident, String sens, String years, String populated) {
        return new DataTables.RequestedItem("SC_Pupil", "G5", 5, alias, years, ident, sens, populated);
    }

    /** The validation as people and the decision see it: the one outcome, problems worded from schemas/problems.yaml. */
    record Checked(Outcome outcome, List<Defect> problems, List<Routing.Redirect> redirects) {
    }

    Checked validate() {
        Optional<FormAnswers> f = form == null ? Optional.empty() : Optional.of(new FormAnswers("form.docx", form, false));
        Optional<FormAnswers> q = isq == null ? Optional.empty() : Optional.of(new FormAnswers("isq.docx", isq, false));
        List<DataTables> tables = items == null ? List.of() : List.of(new DataTables("npd.xlsx", "NPD", 2, items, truncated));
        List<Submission.Document> docs = new ArrayList<>(documents);
        f.ifPresent(x -> docs.add(new Submission.Document("form.docx", DocumentKind.APPLICATION_FORM)));
        Validation v = new Validator(schemas).validate(new Submission(f, q, tables, docs, TODAY));
        Decision decision = new DecideOutcome(PROJECT.problems()).decide(List.of(), new Validated(v, List.of(), Map.of(), List.of()));
        return new Checked(decision.outcome(), v.problems().stream().map(PROJECT.problems()::render).toList(), v.redirects());
    }

    static List<String> codes(Checked v) {
        return v.problems().stream().map(Defect::code).toList();
    }

    @Test
    void aCompleteSrsApplicationIsAccepted() {
        Checked v = validate();
        assertThat(v.problems()).isEmpty();
        assertThat(v.outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void everyMissingRequiredAnswerIsReportedWithItsLabel() {
        form.remove("applicant.phone");
        form.put("project.title", "  ");
        Checked v = validate();
        assertThat(v.outcome()).isEqualTo(Outcome.DEFECTS);
        assertThat(v.problems()).extracting(Defect::location).containsExactly("Telephone number", "Project title");
        assertThat(v.problems().get(0).message()).isEqualTo("Enter telephone number.");
    }

    @Test
    void notApplicableIsAcceptedOnlyWhereAllowed() {
        form.put("project.funding", "N/A");
        form.put("project.title", "N/A");
        assertThat(codes(validate())).containsExactly("ANSWER_NOT_APPLICABLE");
    }

    @Test
    void conditionalFieldsAreRequiredOnlyWhenTheirConditionHolds() {
        form.put("data.linking", "Yes");
        form.remove("data.linking-details");
        form.put("access.researchers", "");
        assertThat(validate().problems()).extracting(Defect::location)
                .containsExactly("How the data will be linked", "Accredited researchers (names and accreditation numbers)");
    }

    @Test
    void formatsAreChecked() {
        form.put("applicant.email", "ada at university");
        form.put("applicant.phone", "12");
        form.put("applicant.ico-number", "Z12345");
        form.put("declaration.date", "31/2/2026");
        form.put("access.route", "By post");
        assertThat(codes(validate())).containsOnly("ANSWER_FORMAT").hasSize(5);
        form.put("applicant.ico-number", "ZB123456");
        form.put("applicant.email", "ada@university.ac.uk");
        form.put("applicant.phone", "+44 20 7946 0000");
        form.put("declaration.date", "20 November 2026");
        form.put("access.route", "ONS Secure Research Service");
        assertThat(validate().problems()).isEmpty();
    }

    @Test
    void theDataNeededDateMayBeAtMostThreeMonthsAhead() {
        form.put("data.needed-by", "1/3/2027");
        assertThat(validate().problems()).extracting(Defect::code, Defect::found)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DATA_NEEDED_TOO_FAR_AHEAD", "2027-03-01"));
        form.put("data.needed-by", "28/2/2027");
        assertThat(validate().problems()).isEmpty();
    }

    @Test
    void directSupplyNeedsAnExemptionQuestionnaireEvidenceAndAnAgreementPerOrganisation() {
        form.put("access.route", "Direct supply");
        form.put("access.exemption", "");
        form.put("access.other-organisations", "Partner University (analysis)\nData Lab Ltd (storage)");
        form.put("access.storage-location", "Secure server, UK");
        form.put("access.retention-end", "1/1/2030");
        form.put("access.destruction-method", "Secure wipe");
        form.put("access.exemption-evidence", "Letter from DfE");
        documents.add(new Submission.Document("dsa.pdf", DocumentKind.DATA_SHARING_AGREEMENT));
        assertThat(codes(validate())).containsExactly("ANSWER_MISSING", "QUESTIONNAIRE_MISSING", "EVIDENCE_MISSING", "AGREEMENT_MISSING");

        form.put("access.exemption", "Essential public task");
        isq = Forms.questionnaire();
        documents.add(new Submission.Document("bpss.pdf", DocumentKind.BACKGROUND_CHECK_EVIDENCE));
        documents.add(new Submission.Document("dsa2.pdf", DocumentKind.DATA_SHARING_AGREEMENT));
        assertThat(validate().problems()).isEmpty();
    }

    @Test
    void questionnaireAnswersThatMustBeYesAndUnexplainedNos() {
        isq = Forms.questionnaire();
        documents.add(new Submission.Document("bpss.pdf", DocumentKind.BACKGROUND_CHECK_EVIDENCE));
        isq.put("isq.q03", "No");
        isq.put("isq.q02", "No");
        isq.put("isq.q06", "No");
        isq.put("isq.q06-explanation", "We use hardware tokens for all staff instead.");
        assertThat(validate().problems()).extracting(Defect::code, Defect::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ANSWER_MUST_BE", "3. Data stored only in the UK"),
                org.assertj.core.groups.Tuple.tuple("EXPLANATION_MISSING", "2. ISO 27001 certification covering this data"));
    }

    @Test
    void dataTableRulesAreCheckedPerRequestedItem() {
        items.clear();
        items.add(item("UPN", "2", "E", "All available", "2001/02 - "));
        items.add(item("NationalSecurityFlag", "5", "A", "All available", "2010/11 - "));
        items.add(item("SAON_[term][yy]", "3", "E", "All available", "2006/07 - "));
        items.add(item("KS4_ATT8", "5", "E", "", "2015/16 - "));
        items.add(item("CINreferralReason", "5", "B", "Specific years 2005/06", "2008/09 - 2016/17"));
        form.put("lawful-basis.special-category", "No");
        form.put("lawful-basis.article-9", "N/A");
        form.put("lawful-basis.schedule-1", "N/A");
        items.add(item("EthnicGroupMajor", "5", "D", "All available", "2001/02 - "));
        // problems come rule by rule (the order of Validator.RULES), each rule's in the order of the rows
        assertThat(codes(validate())).containsExactly("YEARS_MISSING", "YEARS_NOT_POPULATED", "IDENTIFIABLE_NEEDS_DIRECT_SUPPLY",
                "NEVER_SUPPLIED", "FULL_ADDRESS_IN_SRS", "ARTICLE_9_NEEDED");
        assertThat(validate().problems().get(0).location()).isEqualTo("sheet SC_Pupil, cell G5");
    }

    @Test
    void withoutACatalogueARowWithoutClassificationsIsFlaggedAsAddedByTheApplicant() {
        items.add(item("MyOwnItem", "", "", "All available", ""));
        assertThat(validate().problems()).extracting(Defect::code, Defect::found)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UNKNOWN_ITEM", "MyOwnItem"));
    }

    @Test
    void aPostcodeAloneIsNotAFullAddress() {
        items.clear();
        items.add(item("Postcode_[term][yy]", "4", "E", "All available", "2005/06 - "));
        assertThat(validate().problems()).isEmpty();
    }

    @Test
    void aWorkbookWithMoreRequestedRowsThanWeKeepSaysSo() {
        truncated = true;
        assertThat(validate().problems()).extracting(Defect::code, Defect::document)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TOO_MANY_ROWS_REQUESTED", "npd.xlsx"));
    }

    @Test
    void atLeastOneItemMustBeRequested() {
        items.clear();
        assertThat(codes(validate())).containsExactly("NO_ITEMS_REQUESTED");
    }

    @Test
    void tickedSourcesAndAttachedWorkbooksMustAgree() {
        form.put("data.sources", "NPD, ILR");
        assertThat(codes(validate())).containsExactly("WORKBOOK_MISSING");
        form.put("data.sources", "ILR");
        form.put("data.datasets", "ILR");
        assertThat(codes(validate())).containsExactlyInAnyOrder("WORKBOOK_MISSING", "WORKBOOK_NOT_TICKED");
    }

    @Test
    void theCatalogueDecidesClassificationsAndFlagsUnknownItems() {
        schemas = new Schemas(PROJECT.applicationForm(), PROJECT.questionnaire(), PROJECT.routing(), PROJECT.dataTables(), PROJECT.rules(),
                Map.of("NPD", new Catalogue("NPD", "2026", List.of(new Catalogue.Item("EthnicGroupMajor", "SC", 5, "D", "2001/02 - "),
                        new Catalogue.Item("SchoolPhase", "SC", 2, "E", "2001/02 - ")))), PROJECT.problems());
        items.add(item("MadeUpItem", "5", "E", "All available", "2001/02 - "));
        items.add(item("SchoolPhase", "5", "E", "All available", "2001/02 - "));
        assertThat(codes(validate())).containsExactly("UNKNOWN_ITEM", "CLASSIFICATION_DIFFERS", "IDENTIFIABLE_NEEDS_DIRECT_SUPPLY");
    }

    @Test
    void aRequestOnlyForDeaDatasetsIsRedirectedWithoutADefectList() {
        items = null;
        form.put("data.datasets", "LEO\nGrowing up in England");
        form.put("data.sources", "Other");
        form.remove("applicant.phone");
        Checked v = validate();
        assertThat(v.outcome()).isEqualTo(Outcome.REDIRECTED);
        assertThat(v.problems()).isEmpty();
        assertThat(v.redirects()).singleElement().satisfies(r -> assertThat(r.to()).isEqualTo("the ONS Research Accreditation Service"));
    }

    @Test
    void aRequestMixingRedirectAndDfeDatasetsGetsBoth() {
        form.put("data.datasets", "NPD, LEO, Linked MoJ and DfE data");
        form.remove("applicant.phone");
        Checked v = validate();
        assertThat(v.outcome()).isEqualTo(Outcome.DEFECTS);
        assertThat(v.redirects()).extracting(r -> r.to()).containsExactly("the ONS Research Accreditation Service", "the Ministry of Justice");
    }

    @Test
    void aCommissionedResearchFormIsPointedToTheContractManager() {
        form = null;
        items = null;
        documents.add(new Submission.Document("form.pdf", DocumentKind.COMMISSIONED_RESEARCH_FORM));
        Checked v = validate();
        assertThat(v.outcome()).isEqualTo(Outcome.REDIRECTED);
        assertThat(v.redirects()).singleElement().satisfies(r -> assertThat(r.to()).isEqualTo("your DfE contract manager"));
    }

    @Test
    void aMessageWithNoApplicationDocumentsIsAnEnquiry() {
        form = null;
        items = null;
        documents.add(new Submission.Document("letter.pdf", DocumentKind.OTHER));
        assertThat(validate().outcome()).isEqualTo(Outcome.ENQUIRY);
    }

    @Test
    void similarProblemsAreGroupedBeyondTheListingLimit() {
        items.clear();
        for (int i = 0; i < 42; i++) {
            items.add(new DataTables.RequestedItem("KS4", "G" + (10 + i), 10 + i, "KS4_ITEM" + i, "", "5", "E", "2001/02 - "));
        }
        List<ProblemList.Section> sections = ProblemList.sections(validate().problems(), PROJECT.rules().listBeforeGrouping());
        assertThat(sections).singleElement().satisfies(s -> {
            assertThat(s.document()).isEqualTo("npd.xlsx");
            assertThat(s.lines()).hasSize(5);
            assertThat(s.lines().get(4)).isEqualTo("and 38 more rows like this in sheet KS4");
        });
    }

    @Test
    void evidenceAQuestionnaireAnswerRefersToMustBeAttached() {
        isq = Forms.questionnaire();
        assertThat(validate().problems()).extracting(Defect::code, Defect::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple("EVIDENCE_NOT_ATTACHED", "7. Staff vetted (BPSS or equivalent) and trained"));
        isq.put("isq.q07", "No");
        isq.put("isq.q07-explanation", "Vetting is in progress; certificates follow.");
        assertThat(validate().problems()).isEmpty();
    }
}
