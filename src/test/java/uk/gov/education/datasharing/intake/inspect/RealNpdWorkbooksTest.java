package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import uk.gov.education.datasharing.intake.Requires;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/** DfE's own published NPD workbooks (read from ../shared when present; see the README there). */
class RealNpdWorkbooksTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"simple_table.xlsx", "single_sheet_table.xlsx", "manual_import_reduced_table.xlsx"})
    void everyRealWorkbookIsRecognisedAsNpdDataTablesAndAccepted(String name) throws IOException {
        Path workbook = Requires.npdWorkbook(name);
        // named neutrally, so the recognition comes from the content
        var judgement = new FileInspectorTest().judgeIn(dir, "upload.xlsx", Files.readAllBytes(workbook));
        assertThat(judgement.check().kind()).isEqualTo(DocumentKind.DATA_TABLES_NPD);
        assertThat(judgement.check().recognisedBy()).isEqualTo("data-table layout");
        assertThat(judgement.check().verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(judgement.findings()).isEmpty();
    }

}
