package uk.gov.education.datasharing.intake.validate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.ProjectSchemas;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.schema.Catalogue;
import uk.gov.education.datasharing.intake.schema.Schemas;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule alone: facts in, problems out; every rule gets the same kind of fresh submission and nothing else. */
class RulesTest {

    static final Schemas SCHEMAS = ProjectSchemas.SCHEMAS;
    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    /** A submission to vary: a complete SRS form, no questionnaire, one NPD item, nothing else. */
    static final class Facts {
        Map<String, String> form = new HashMap<>(Forms.srsApplication());
        Map<String, String> questionnaire;
        List<DataTables.RequestedItem> items = new ArrayList<>(List.of(item("EthnicGroupMajor", "5", "E", "All available", "2001/02 - ")));
        List<Submission.Document> documents = new ArrayList<>();
        boolean truncated;
        boolean fromLabels;

        Facts direct() {
            form.put("access.route", "Direct supply");
            return this;
        }

        Submission submission() {
            Optional<FormAnswers> f = form == null ? Optional.empty() : Optional.of(new FormAnswers("form.docx", form, fromLabels));
            Optional<FormAnswers> q = questionnaire == null ? Optional.empty() : Optional.of(new FormAnswers("isq.docx", questionnaire, false));
            List<DataTables> tables = items == null ? List.of() : List.of(new DataTables("npd.xlsx", "NPD", 1, items, truncated));
            return new Submission(f, q, tables, documents, TODAY);
        }

        List<ProblemCode> check(Rule rule) {
            return check(rule, SCHEMAS);
        }

        List<ProblemCode> check(Rule rule, Schemas schemas) {
            return rule.check(submission(), schemas).stream().map(Problem::code).toList();
        }
    }

    static DataTables.RequestedItem item(String alias, String ident, String sens, String years, String populated) {
        return new DataTables.RequestedItem("SC_Pupil", "G5", 5, alias, years, ident, sens, populated);
    }

    Facts facts = new Facts();

    @Nested
    class FormPresentRule {
        @Test
        void aMissingFormIsReported() {
            facts.form = null;
            assertThat(facts.check(new FormPresent())).containsExactly(ProblemCode.FORM_MISSING);
        }

        @Test
        void aFormIsEnough() {
            assertThat(facts.check(new FormPresent())).isEmpty();
        }
    }

    @Nested
    class FormControlsPresentRule {
        @Test
        void aFormReadFromItsTableIsAWarning() {
            facts.fromLabels = true;
            assertThat(facts.check(new FormControlsPresent())).containsExactly(ProblemCode.FORM_CONTROLS_MISSING);
        }

        @Test
        void aFormWithItsControlsIsFine() {
            assertThat(facts.check(new FormControlsPresent())).isEmpty();
        }
    }

    @Nested
    class RequiredAnswersGivenRule {
        @Test
        void aBlankRequiredAnswerAndANotApplicableWhereNoneIsAllowedAreReported() {
            facts.form.remove("applicant.phone");
            facts.form.put("project.title", "N/A");
            List<Problem> problems = new RequiredAnswersGiven().check(facts.submission(), SCHEMAS);
            assertThat(problems).extracting(Problem::code, Problem::location).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ProblemCode.ANSWER_MISSING, "Telephone number"),
                    org.assertj.core.groups.Tuple.tuple(ProblemCode.ANSWER_NOT_APPLICABLE, "Project title"));
        }

        @Test
        void aFieldRequiredOnlyUnderDirectSupplyIsNotAskedForUnderSrs() {
            facts.form.remove("access.exemption");
            assertThat(facts.check(new RequiredAnswersGiven())).isEmpty();
            assertThat(facts.direct().check(new RequiredAnswersGiven())).contains(ProblemCode.ANSWER_MISSING);
        }
    }

    @Nested
    class AnswerFormatsRule {
        @Test
        void aBadEmailIsWordedAsAnEmailProblem() {
            facts.form.put("applicant.email", "not an address");
            List<Problem> problems = new AnswerFormats().check(facts.submission(), SCHEMAS);
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.variant()).isEqualTo("email");
                assertThat(ProjectSchemas.render(p).message()).isEqualTo("Enter email address in the right format, like name@example.org.");
            });
        }

        @Test
        void wellFormedAnswersPass() {
            assertThat(facts.check(new AnswerFormats())).isEmpty();
        }
    }

    @Nested
    class DataNeededDateRule {
        @Test
        void aDateMoreThanThreeMonthsAheadIsReportedWithWhenToApply() {
            facts.form.put("data.needed-by", "1/6/2027");
            List<Problem> problems = new DataNeededDate().check(facts.submission(), SCHEMAS);
            assertThat(ProjectSchemas.render(problems.get(0)).fix()).startsWith("Apply again on or after 1 March 2027");
        }

        @Test
        void aDateWithinThreeMonthsPasses() {
            facts.form.put("data.needed-by", "1/2/2027");
            assertThat(facts.check(new DataNeededDate())).isEmpty();
        }
    }

    @Nested
    class DirectSupplyRules {
        @Test
        void directSupplyNeedsTheQuestionnaireAndBackgroundChecks() {
            facts.direct();
            assertThat(facts.check(new QuestionnaireForDirectSupply())).containsExactly(ProblemCode.QUESTIONNAIRE_MISSING);
            assertThat(facts.check(new BackgroundChecksForDirectSupply())).containsExactly(ProblemCode.EVIDENCE_MISSING);
            facts.questionnaire = Forms.questionnaire();
            facts.documents.add(new Submission.Document("bpss.pdf", DocumentKind.BACKGROUND_CHECK_EVIDENCE));
            assertThat(facts.check(new QuestionnaireForDirectSupply())).isEmpty();
            assertThat(facts.check(new BackgroundChecksForDirectSupply())).isEmpty();
        }

        @Test
        void srsNeedsNeither() {
            assertThat(facts.check(new QuestionnaireForDirectSupply())).isEmpty();
            assertThat(facts.check(new BackgroundChecksForDirectSupply())).isEmpty();
        }

        @Test
        void eachOtherOrganisationNeedsAnAgreement() {
            facts.direct().form.put("access.other-organisations", "Uni A (analysis)\nUni B (storage)");
            facts.documents.add(new Submission.Document("dsa.pdf", DocumentKind.DATA_SHARING_AGREEMENT));
            List<Problem> problems = new AgreementPerOrganisation().check(facts.submission(), SCHEMAS);
            assertThat(ProjectSchemas.render(problems.get(0)).message())
                    .isEqualTo("You named 2 other organisations but sent 1 data sharing agreement.");
            facts.documents.add(new Submission.Document("dsa2.pdf", DocumentKind.DATA_SHARING_AGREEMENT));
            assertThat(facts.check(new AgreementPerOrganisation())).isEmpty();
        }
    }

    @Nested
    class QuestionnaireRules {
        @Test
        void anAnswerThatMustBeYesIsReportedWhenItIsNot() {
            facts.questionnaire = Forms.questionnaire();
            facts.questionnaire.put("isq.q03", "No");
            assertThat(facts.check(new QuestionnaireAnswersAcceptable())).containsExactly(ProblemCode.ANSWER_MUST_BE);
        }

        @Test
        void aNoWithoutItsExplanationIsReported() {
            facts.questionnaire = Forms.questionnaire();
            facts.questionnaire.put("isq.q06", "No");
            facts.questionnaire.remove("isq.q06-explanation");
            assertThat(facts.check(new ExplanationsGiven())).containsExactly(ProblemCode.EXPLANATION_MISSING);
            facts.questionnaire.put("isq.q06-explanation", "Hardware tokens instead.");
            assertThat(facts.check(new ExplanationsGiven())).isEmpty();
        }

        @Test
        void evidenceAYesRefersToMustBeAttachedButDirectSupplyAsksForBackgroundChecksOnlyOnce() {
            facts.questionnaire = Forms.questionnaire();
            facts.questionnaire.put("isq.q07", "Yes");
            assertThat(facts.check(new EvidenceAttached())).containsExactly(ProblemCode.EVIDENCE_NOT_ATTACHED);
            assertThat(facts.direct().check(new EvidenceAttached())).isEmpty();
        }
    }

    @Nested
    class DataTableRules {
        @Test
        void aTruncatedWorkbookSaysOnlyTheFirstRowsWereChecked() {
            facts.truncated = true;
            assertThat(facts.check(new RowsWithinLimit())).containsExactly(ProblemCode.TOO_MANY_ROWS_REQUESTED);
        }

        @Test
        void aWorkbookWithNothingRequestedIsReported() {
            facts.items.clear();
            assertThat(facts.check(new ItemsRequested())).containsExactly(ProblemCode.NO_ITEMS_REQUESTED);
        }

        @Test
        void withoutACatalogueARowWithoutClassificationsIsUnknown() {
            facts.items.add(item("MadeUp", "", "", "All available", ""));
            assertThat(facts.check(new KnownItems())).containsExactly(ProblemCode.UNKNOWN_ITEM);
        }

        @Test
        void withACatalogueItDecidesWhatIsKnownAndHowItIsClassified() {
            Schemas withNpd = new Schemas(SCHEMAS.applicationForm(), SCHEMAS.questionnaire(), SCHEMAS.routing(), SCHEMAS.dataTables(),
                    SCHEMAS.rules(), Map.of("NPD", new Catalogue("NPD", "2026", List.of(new Catalogue.Item("EthnicGroupMajor", "SC", 5, "D",
                    "2001/02 - ")))), SCHEMAS.problems());
            facts.items.add(item("MadeUp", "5", "E", "All available", ""));
            assertThat(facts.check(new KnownItems(), withNpd)).containsExactly(ProblemCode.UNKNOWN_ITEM);
            assertThat(facts.check(new CurrentClassifications(), withNpd)).containsExactly(ProblemCode.CLASSIFICATION_DIFFERS);
            assertThat(facts.check(new CurrentClassifications())).isEmpty();
        }

        @Test
        void yearsMustBeGivenAndPopulated() {
            facts.items.add(item("KS4_ATT8", "5", "E", "", "2015/16 - "));
            facts.items.add(item("CINreferralReason", "5", "B", "Specific years 2005/06", "2008/09 - 2016/17"));
            facts.items.add(item("Open", "5", "B", "Specific years 2030/31", "2008/09 - "));
            assertThat(facts.check(new YearsRequested())).containsExactly(ProblemCode.YEARS_MISSING, ProblemCode.YEARS_NOT_POPULATED);
        }

        @Test
        void identifyingItemsOnlyUnderDirectSupply() {
            facts.items.add(item("UPN", "2", "E", "All available", "2001/02 - "));
            assertThat(facts.check(new IdentifiableOnlyByDirectSupply())).containsExactly(ProblemCode.IDENTIFIABLE_NEEDS_DIRECT_SUPPLY);
            assertThat(facts.direct().check(new IdentifiableOnlyByDirectSupply())).isEmpty();
        }

        @Test
        void sensitivityANeverAndFullAddressesNeverIntoSrs() {
            facts.items.add(item("NationalSecurityFlag", "5", "A", "All available", "2010/11 - "));
            facts.items.add(item("SAON_[term][yy]", "3", "E", "All available", "2006/07 - "));
            facts.items.add(item("Postcode", "3", "E", "All available", "2006/07 - "));
            assertThat(facts.check(new NeverSuppliedItems())).containsExactly(ProblemCode.NEVER_SUPPLIED);
            assertThat(facts.check(new NoFullAddressInSrs())).containsExactly(ProblemCode.FULL_ADDRESS_IN_SRS);
            assertThat(facts.direct().check(new NoFullAddressInSrs())).isEmpty();
            assertThat(facts.check(new NeverSuppliedItems())).containsExactly(ProblemCode.NEVER_SUPPLIED);
        }

        @Test
        void specialCategoryNeedsAnArticle9Condition() {
            facts.items.add(item("EthnicGroupMinor", "5", "D", "All available", "2001/02 - "));
            facts.form.put("lawful-basis.article-9", "N/A");
            assertThat(facts.check(new Article9ForSpecialCategory())).containsExactly(ProblemCode.ARTICLE_9_NEEDED);
            facts.form.put("lawful-basis.article-9", "9(2)(j)");
            assertThat(facts.check(new Article9ForSpecialCategory())).isEmpty();
        }

        @Test
        void tickedSourcesAndSentWorkbooksMatch() {
            facts.form.put("data.sources", "NPD, ILR");
            assertThat(facts.check(new WorkbooksMatchSources())).containsExactly(ProblemCode.WORKBOOK_MISSING);
            facts.form.put("data.sources", "ILR");
            assertThat(facts.check(new WorkbooksMatchSources())).containsExactly(ProblemCode.WORKBOOK_NOT_TICKED, ProblemCode.WORKBOOK_MISSING);
        }
    }

    @Test
    void everyRuleIsRunAndNoneDependsOnAnother() {
        facts.direct().items.add(item("UPN", "2", "A", "", "2001/02 - "));
        Submission submission = facts.submission();
        List<Problem> forwards = new ArrayList<>();
        List<Problem> backwards = new ArrayList<>();
        Validator.RULES.forEach(r -> forwards.addAll(r.check(submission, SCHEMAS)));
        List<Rule> reversed = new ArrayList<>(Validator.RULES);
        java.util.Collections.reverse(reversed);
        reversed.forEach(r -> backwards.addAll(r.check(submission, SCHEMAS)));
        assertThat(backwards).containsExactlyInAnyOrderElementsOf(forwards).isNotEmpty();
    }
}
