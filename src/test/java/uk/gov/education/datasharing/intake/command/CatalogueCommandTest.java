package uk.gov.education.datasharing.intake.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.Requires;
import uk.gov.education.datasharing.intake.schema.Catalogue;
import uk.gov.education.datasharing.intake.schema.Schemas;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code catalogue import npd WORKBOOK}: the catalogue built from the publisher's data tables. */
class CatalogueCommandTest {

    @TempDir
    Path dir;
    Path schemas;

    @BeforeEach
    void copySchemas() throws Exception {
        schemas = dir.resolve("schemas");
        try (Stream<Path> files = Files.walk(Path.of("schemas"))) {
            for (Path f : files.toList()) {
                Path target = schemas.resolve(Path.of("schemas").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void importsEveryItemOfBothBlocksWithItsClassification() throws Exception {
        Path workbook = dir.resolve("npd.xlsx");
        Files.write(workbook, Documents.npdWorkbook("NPD Alias"));
        int exit = IntakeGateway.commandLine().execute("catalogue", "import", "npd", workbook.toString(), "--schemas", schemas.toString(),
                "--edition", "October 2018");
        assertThat(exit).isZero();
        Catalogue npd = Schemas.load(schemas).catalogue("NPD").orElseThrow();
        assertThat(npd.edition()).isEqualTo("October 2018");
        assertThat(npd.items()).extracting(Catalogue.Item::alias).containsExactly("EthnicGroupMajor", "AcademicYear");
        assertThat(npd.item("EthnicGroupMajor")).hasValueSatisfying(i -> {
            assertThat(i.identifiability()).isEqualTo(5);
            assertThat(i.sensitivity()).isEqualTo("D");
            assertThat(i.sheet()).isEqualTo("SC_Pupil");
            assertThat(i.yearsPopulated()).isEqualTo("2001/02 -");
        });
    }

    @Test
    void aWorkbookWithoutDataTablesIsRefusedAndNothingIsWritten() throws Exception {
        Path workbook = dir.resolve("other.xlsx");
        Files.write(workbook, Documents.xlsx(java.util.Map.of("S", new String[][] {{"hello"}})));
        assertThat(IntakeGateway.commandLine().execute("catalogue", "import", "npd", workbook.toString(), "--schemas", schemas.toString()))
                .isEqualTo(1);
        assertThat(schemas.resolve("catalogues/npd.yaml")).doesNotExist();
    }

    @Test
    void importsTheRealNpdWorkbook() throws Exception {
        Path real = Requires.npdWorkbook("manual_import_reduced_table.xlsx");
        assertThat(IntakeGateway.commandLine().execute("catalogue", "import", "npd", real.toString(), "--schemas", schemas.toString()))
                .isZero();
        Catalogue npd = Schemas.load(schemas).catalogue("NPD").orElseThrow();
        assertThat(npd.items()).hasSizeGreaterThan(30).noneMatch(i -> i.alias().contains(" ")); // no sub-table titles
        assertThat(npd.item("KS2_CANDNO")).hasValueSatisfying(i -> {
            assertThat(i.identifiability()).isEqualTo(2);
            assertThat(i.sheet()).isEqualTo("KS2");
        });
        assertThat(npd.items()).anyMatch(i -> i.sheet().startsWith("SLD")); // the linked-data sheets' "SLD Alias" header
        System.out.println("imported " + npd.items().size() + " items; first " + npd.items().get(0));
    }
}
