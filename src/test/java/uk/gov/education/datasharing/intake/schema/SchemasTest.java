package uk.gov.education.datasharing.intake.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemasTest {

    static final Path PROJECT_SCHEMAS = Path.of("schemas");

    @TempDir
    Path dir;

    /** A copy of the project's schemas to break. */
    Path copy() throws IOException {
        try (Stream<Path> files = Files.walk(PROJECT_SCHEMAS)) {
            for (Path f : files.toList()) {
                Path target = dir.resolve(PROJECT_SCHEMAS.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    void replace(String file, String from, String to) throws IOException {
        Path p = dir.resolve(file);
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    @Test
    void theProjectsSchemasLoadIntoTypedObjects() {
        Schemas schemas = Schemas.load(PROJECT_SCHEMAS);
        assertThat(schemas.applicationForm().field("applicant.ico-number")).hasValueSatisfying(f -> {
            assertThat(f.type()).isEqualTo(FieldType.ICO_NUMBER);
            assertThat(f.label()).isEqualTo("ICO registration number");
        });
        assertThat(schemas.applicationForm().field("lawful-basis.article-9")).hasValueSatisfying(f ->
                assertThat(f.requiredWhen()).isEqualTo(new FormSchema.Condition("lawful-basis.special-category", "Yes")));
        assertThat(schemas.questionnaire().field("isq.q03")).hasValueSatisfying(f -> assertThat(f.mustBe()).isEqualTo("Yes"));
        assertThat(schemas.routing().dataset("Longitudinal education outcomes")).hasValueSatisfying(d ->
                assertThat(d.route()).isEqualTo("ons-ras"));
        assertThat(schemas.dataTables().columns().get(DataTableLayout.IDENTIFIABILITY)).contains("Identification Risk");
        assertThat(schemas.rules().dataNeededMaxMonthsAhead()).isEqualTo(3);
        assertThat(schemas.catalogue("ILR")).isPresent();
        assertThat(schemas.catalogue("NPD")).isEmpty();
    }

    @Test
    void cataloguesAreLoadedBySource() throws IOException {
        copy();
        Files.writeString(dir.resolve("catalogues/npd.yaml"), "source: NPD\nedition: October 2018\nitems:\n"
                + "  - {alias: UPN, sheet: SC_Pupil, identifiability: 2, sensitivity: E, years-populated: \"2001/02 - \"}\n");
        assertThat(Schemas.load(dir).catalogue("npd")).hasValueSatisfying(c -> assertThat(c.item("upn")).hasValueSatisfying(i ->
                assertThat(i.identifiability()).isEqualTo(2)));
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() throws IOException {
        copy();
        replace(Schemas.RULES, "list-before-grouping: 5", "list-before-grouping: [5");
        assertThatThrownBy(() -> Schemas.load(dir)).isInstanceOf(SchemaException.class).hasMessageStartingWith("rules.yaml:");
    }

    @Test
    void aMisspeltKeyNamesTheFileLineAndField() throws IOException {
        copy();
        replace(Schemas.APPLICATION_FORM, "{id: applicant.phone, label: Telephone number, type: phone, required: true}",
                "{id: applicant.phone, label: Telephone number, type: phone, requird: true}");
        assertThatThrownBy(() -> Schemas.load(dir)).isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("application-form.yaml:12: sections[0].fields[3].requird:");
    }

    @Test
    void anUnknownFieldTypeIsNamed() throws IOException {
        copy();
        replace(Schemas.APPLICATION_FORM, "type: phone", "type: telephone");
        assertThatThrownBy(() -> Schemas.load(dir)).isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("application-form.yaml:12: sections[0].fields[3].type:")
                .hasMessageContaining("must be one of text, email, phone");
    }

    @Test
    void aConditionOnAnUnknownFieldIsNamedWithItsLine() throws IOException {
        copy();
        replace(Schemas.APPLICATION_FORM, "required-when: {field: data.linking, equals: \"Yes\"}",
                "required-when: {field: data.linkage, equals: \"Yes\"}");
        assertThatThrownBy(() -> Schemas.load(dir)).isInstanceOf(SchemaException.class)
                .hasMessageMatching("application-form\\.yaml:\\d+: data\\.linking-details: refers to unknown field 'data\\.linkage'");
    }

    @Test
    void aRouteWithoutARedirectIsNamed() throws IOException {
        copy();
        replace(Schemas.ROUTING, "{id: LEO, names: [Longitudinal education outcomes], route: ons-ras}",
                "{id: LEO, names: [Longitudinal education outcomes], route: ons}");
        assertThatThrownBy(() -> Schemas.load(dir)).isInstanceOf(SchemaException.class)
                .hasMessageMatching("routing\\.yaml:\\d+: LEO: route 'ons' has no redirect");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        copy();
        Files.delete(dir.resolve(Schemas.QUESTIONNAIRE));
        assertThatThrownBy(() -> Schemas.load(dir)).hasMessageStartingWith("security-questionnaire.yaml: missing");
    }

    /** Each id, value and key the code relies on, renamed where it is defined, with what the error must name. */
    static Stream<org.junit.jupiter.params.provider.Arguments> renames() {
        return Stream.of(
                rename(Schemas.APPLICATION_FORM, "- id: access.route\n", "- id: access.how\n", "access.route"),
                rename(Schemas.APPLICATION_FORM, "- id: access.other-organisations\n", "- id: access.others\n", "access.other-organisations"),
                rename(Schemas.APPLICATION_FORM, "{id: data.needed-by,", "{id: data.wanted-by,", "data.needed-by"),
                rename(Schemas.APPLICATION_FORM, "- id: data.sources\n", "- id: data.from\n", "data.sources"),
                rename(Schemas.APPLICATION_FORM, "{id: data.datasets,", "{id: data.sets,", "data.datasets"),
                rename(Schemas.APPLICATION_FORM, "- id: lawful-basis.article-9\n", "- id: lawful-basis.art9\n", "lawful-basis.article-9"),
                rename(Schemas.APPLICATION_FORM, "values: [ONS Secure Research Service, Direct supply]",
                        "values: [ONS Secure Research Service, Supplied directly]", "Direct supply"),
                rename(Schemas.APPLICATION_FORM, "values: [NPD, ILR, HE, SWC, Other]", "values: [National Pupil Database, ILR, HE, SWC, Other]",
                        "NPD"),
                rename(Schemas.ROUTING, "\n  moj:\n", "\n  ministry-of-justice:\n", "moj"),
                rename(Schemas.ROUTING, "\n  contract-manager:\n", "\n  contracts:\n", "contract-manager"),
                rename(Schemas.RULES, "  access-route: access.route", "  route: access.route", "answers.route"),
                rename(Schemas.PROBLEMS, "\nFORM_MISSING:\n", "\nAPPLICATION_FORM_MISSING:\n", "FORM_MISSING"));
    }

    private static org.junit.jupiter.params.provider.Arguments rename(String file, String from, String to, String named) {
        return org.junit.jupiter.params.provider.Arguments.of(file, from, to, named);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}: {3}")
    @org.junit.jupiter.params.provider.MethodSource("renames")
    void renamingWhatTheCodeReliesOnStopsStartUpNamingFileLineAndField(String file, String from, String to, String named)
            throws IOException {
        copy();
        replace(file, from, to);
        assertThatThrownBy(() -> Schemas.load(dir)).isInstanceOf(SchemaException.class)
                .hasMessageMatching("[a-z-]+\\.yaml:[1-9][0-9]*: [^:]+: .+")
                .hasMessageContaining(named);
    }

    @Test
    void everyProblemNeedsItsTextAndATextMayUseOnlyItsOwnValues() throws IOException {
        copy();
        replace(Schemas.PROBLEMS, "UNKNOWN_ITEM:\n  message: \"We do not know the data item {{item}}.\"",
                "UNKNOWN_ITEM:\n  message: \"We do not know the data item {{alias}}.\"");
        assertThatThrownBy(() -> Schemas.load(dir)).hasMessageStartingWith("problems.yaml:").hasMessageContaining("UNKNOWN_ITEM.message")
                .hasMessageContaining("uses a value this problem does not have");
        copy();
        replace(Schemas.PROBLEMS, "NEVER_SUPPLIED:\n", "NEVER_SUPPLIED_X:\n");
        assertThatThrownBy(() -> Schemas.load(dir)).hasMessageContaining("NEVER_SUPPLIED_X: not a problem code");
        copy();
        replace(Schemas.PROBLEMS, "    yes-no: \"Answer {{label}} with Yes or No.\"\n", "");
        assertThatThrownBy(() -> Schemas.load(dir)).hasMessageContaining("ANSWER_FORMAT.message.yes-no: missing");
    }

    @Test
    void theTeamsWordingIsWhatApplicantsRead() throws IOException {
        copy();
        replace(Schemas.PROBLEMS, "We do not know the data item {{item}}.", "{{item}} is not in the data tables we publish.");
        var defect = Schemas.load(dir).problems().render(uk.gov.education.datasharing.intake.model.Problem.of(
                uk.gov.education.datasharing.intake.model.ProblemCode.UNKNOWN_ITEM, "npd.xlsx", "sheet A, cell G5", "MadeUp").with("item", "MadeUp"));
        assertThat(defect.message()).isEqualTo("MadeUp is not in the data tables we publish.");
        assertThat(defect.severity()).isEqualTo(uk.gov.education.datasharing.intake.model.Defect.Severity.ERROR);
    }
}
