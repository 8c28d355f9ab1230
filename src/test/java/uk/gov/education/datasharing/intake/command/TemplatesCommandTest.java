package uk.gov.education.datasharing.intake.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.inspect.FileInspectorTest;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.validate.DataTableReader;
import uk.gov.education.datasharing.intake.validate.FormAnswers;
import uk.gov.education.datasharing.intake.validate.FormReader;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code templates DIR [--examples]}: templates the gateway recognises and reads, and examples it accepts. */
class TemplatesCommandTest {

    static final Schemas SCHEMAS = Schemas.load(Path.of("schemas"));

    @TempDir
    Path dir;

    int run(String... args) {
        return IntakeGateway.commandLine().execute(args);
    }

    @Test
    void blankTemplatesAreRecognisedFromTheirPropertiesAndReadByTag() throws Exception {
        assertThat(run("templates", dir.toString())).isEqualTo(0);
        FileInspectorTest inspector = new FileInspectorTest();
        var form = inspector.judgeIn(dir, "x.docx", Files.readAllBytes(dir.resolve("application-form.docx")));
        var isq = inspector.judgeIn(dir, "x.docx", Files.readAllBytes(dir.resolve("information-security-questionnaire.docx")));
        var ilr = inspector.judgeIn(dir, "x.xlsx", Files.readAllBytes(dir.resolve("ilr-data-tables.xlsx")));
        assertThat(form.check().kind()).isEqualTo(DocumentKind.APPLICATION_FORM);
        assertThat(form.check().recognisedBy()).isEqualTo("template version 1");
        assertThat(isq.check().kind()).isEqualTo(DocumentKind.SECURITY_QUESTIONNAIRE);
        assertThat(ilr.check().kind()).isEqualTo(DocumentKind.DATA_TABLES_ILR);
        assertThat(List.of(form, isq, ilr)).allSatisfy(j -> assertThat(j.check().verdict()).isEqualTo(FileCheck.Verdict.ACCEPTED));

        try (SeekableByteChannel channel = Files.newByteChannel(dir.resolve("application-form.docx"))) {
            FormAnswers blank = new FormReader().read("f", channel, SCHEMAS.applicationForm());
            assertThat(blank.fromLabels()).isFalse();
            assertThat(blank.answers()).hasSize(SCHEMAS.applicationForm().fields().size()).allSatisfy((id, answer) -> assertThat(answer).isEmpty());
        }
        try (SeekableByteChannel channel = Files.newByteChannel(dir.resolve("ilr-data-tables.xlsx"))) {
            var tables = new DataTableReader(SCHEMAS.dataTables(), 1000).read("t", channel);
            assertThat(tables.source()).isEqualTo("ILR");
            assertThat(tables.headers()).isEqualTo(2);
            assertThat(tables.requested()).isEmpty();
        }
        String documentXml = new String(Documents.read(Files.readAllBytes(dir.resolve("application-form.docx")), "word/document.xml"),
                StandardCharsets.UTF_8);
        assertThat(documentXml).contains("<w:tag w:val=\"access.route\"/>", "<w:dropDownList>", "<w:listItem w:displayText=\"Direct supply\"",
                "<w:date>");
    }

    @Test
    void everyExampleSubmissionValidates() throws Exception {
        assertThat(run("templates", dir.toString(), "--examples")).isEqualTo(0);
        for (String example : List.of("srs-npd", "direct-supply")) {
            List<String> args = new ArrayList<>(List.of("validate"));
            try (Stream<Path> files = Files.list(dir.resolve("examples").resolve(example))) {
                files.sorted().forEach(f -> args.add(f.toString()));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CommandLine cli = IntakeGateway.commandLine();
            CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            ((ValidateCommand) parsed.subcommand().commandSpec().userObject()).out = new PrintStream(out, true, StandardCharsets.UTF_8);
            int exit = cli.getExecutionStrategy().execute(parsed);
            assertThat(exit).as(example + ":\n" + out.toString(StandardCharsets.UTF_8)).isEqualTo(0);
        }
    }
}
