package uk.gov.education.datasharing.intake.validate;

import uk.gov.education.datasharing.intake.HostileFiles;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.schema.Schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30) // hostile input: a regression into a hang fails here instead of hanging the build
class FormReaderTest {

    static final Schemas SCHEMAS = Schemas.load(Path.of("schemas"));

    @TempDir
    Path dir;

    FormAnswers read(byte[] docx) throws IOException {
        Path file = dir.resolve("f" + System.nanoTime() + ".docx");
        Files.write(file, docx);
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            return new FormReader().read("form.docx", channel, SCHEMAS.applicationForm());
        }
    }

    @Test
    void readsAnswersByContentControlTagIncludingLineBreaksAndSymbols() throws IOException {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("applicant.name", "Dr Ada O'Neil & Co <PI>");
        answers.put("access.other-organisations", "Partner University\nData Lab Ltd");
        FormAnswers form = read(Documents.form(answers));
        assertThat(form.fromLabels()).isFalse();
        assertThat(form.answer("applicant.name")).hasValue("Dr Ada O'Neil & Co <PI>");
        assertThat(form.answer("access.other-organisations")).hasValue("Partner University\nData Lab Ltd");
        assertThat(form.answer("project.title")).isEmpty();
    }

    @Test
    void aControlStillShowingItsPlaceholderIsBlank() throws IOException {
        byte[] docx = Documents.docxWithBody("<w:p><w:sdt><w:sdtPr><w:tag w:val=\"project.title\"/><w:showingPlcHdr/></w:sdtPr>"
                + "<w:sdtContent><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt></w:p>"
                + Documents.contentControl("applicant.name", "Ada"));
        FormAnswers form = read(docx);
        assertThat(form.answer("project.title")).isEmpty();
        assertThat(form.answer("applicant.name")).hasValue("Ada");
    }

    @Test
    void aControlFilledByAToolThatLeftThePlaceholderFlagIsStillAnswered() throws IOException {
        byte[] docx = Documents.docxWithBody("<w:p><w:sdt><w:sdtPr><w:tag w:val=\"project.title\"/><w:showingPlcHdr/></w:sdtPr>"
                + "<w:sdtContent><w:r><w:t>Attainment gaps</w:t></w:r></w:sdtContent></w:sdt></w:p>");
        assertThat(read(docx).answer("project.title")).hasValue("Attainment gaps");
    }

    @Test
    void controlsInsideTablesAndRepeatingSectionsAreRead() throws IOException {
        String repeating = "<w:sdt><w:sdtPr><w:tag w:val=\"researchers-section\"/></w:sdtPr><w:sdtContent>"
                + Documents.contentControl("access.researchers", "Ada (ONS 1)") + Documents.contentControl("access.researchers", "Bob (ONS 2)")
                + "</w:sdtContent></w:sdt>";
        String table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Project title</w:t></w:r></w:p></w:tc><w:tc>"
                + Documents.contentControl("project.title", "Gaps") + "</w:tc></w:tr></w:tbl>";
        FormAnswers form = read(Documents.docxWithBody(repeating + table));
        assertThat(form.answer("access.researchers")).hasValue("Ada (ONS 1)\nBob (ONS 2)");
        assertThat(form.answer("project.title")).hasValue("Gaps");
    }

    @Test
    void aFormThatLostItsControlsIsReadFromLabelRows() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Full name:", "Ada Researcher");
        rows.put("ICO registration number *", "Z1234567");
        rows.put("Something else", "ignored");
        FormAnswers form = read(Documents.labelTable(rows));
        assertThat(form.fromLabels()).isTrue();
        assertThat(form.answers()).containsOnly(Map.entry("applicant.name", "Ada Researcher"), Map.entry("applicant.ico-number", "Z1234567"));
    }

    @Test
    void aFileThatIsNotAWordDocumentIsAnError() {
        assertThatThrownBy(() -> read(Documents.xlsx(Map.of("S", new String[][] {{"a"}})))).isInstanceOf(IOException.class);
    }

    @Test
    void controlsThatLostTheirTagButKeptTheirTitleAreReadByTitle() throws IOException {
        // what LibreOffice 7.4 writes when it saves one of our forms as .docx
        byte[] docx = Documents.docxWithBody("<w:p><w:sdt><w:sdtPr><w:text w:multiLine=\"true\"/><w:alias w:val=\"Full name\"/></w:sdtPr>"
                + "<w:sdtContent><w:r><w:t>Ada</w:t></w:r></w:sdtContent></w:sdt></w:p>");
        FormAnswers form = read(docx);
        assertThat(form.fromLabels()).isFalse();
        assertThat(form.answer("applicant.name")).hasValue("Ada");
    }

    @Test
    void aLabelCellWithHelpTextAndARequiredMarkStillMatches() throws IOException {
        byte[] docx = Documents.docxWithBody("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ICO registration number *</w:t></w:r></w:p>"
                + "<w:p><w:r><w:t>Z followed by 7 digits</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Z1234567</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
        assertThat(read(docx).answer("applicant.ico-number")).hasValue("Z1234567");
    }

    /** Issue 9: controls sharing a tag were joined by string concatenation, quadratic in their number. */
    @Test
    void thousandsOfControlsSharingATagAreJoinedInLinearTimeAndBounded() throws IOException {
        FormAnswers answers = read(HostileFiles.controlsSharingATag("project.title", 40_000, 50));
        assertThat(answers.answer("project.title")).hasValueSatisfying(a -> assertThat(a.length()).isLessThanOrEqualTo(10_000));
    }
}
