package uk.gov.education.datasharing.intake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                    Files.copy(f, target);
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
}
