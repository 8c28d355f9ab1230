package uk.gov.education.datasharing.intake.command;


import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.validate.Forms;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code validate FILES...}: the same checks as the gateway, offline, with exit 0 / 1 / 2. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    String output;

    int validate(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine cli = IntakeGateway.commandLine();
        List<String> all = new ArrayList<>(List.of("validate", "--today", "2026-11-28"));
        all.addAll(List.of(args));
        CommandLine.ParseResult parsed = cli.parseArgs(all.toArray(String[]::new));
        ValidateCommand command = (ValidateCommand) parsed.subcommand().commandSpec().userObject();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = cli.getExecutionStrategy().execute(parsed);
        output = bytes.toString(StandardCharsets.UTF_8);
        return exit;
    }

    Path write(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    Path tables() throws Exception {
        return write("npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias"));
    }

    @Test
    void aCompleteSubmissionIsValid() throws Exception {
        Path form = write("application-form.docx", Documents.form(Forms.srsApplication()));
        assertThat(validate(form.toString(), tables().toString())).as(output).isEqualTo(0);
        assertThat(output).startsWith("This submission is complete.");
    }

    @Test
    void problemsAreListedPerDocumentAndExitOne() throws Exception {
        Map<String, String> answers = Forms.srsApplication();
        answers.remove("applicant.phone");
        answers.put("applicant.email", "nope");
        Path form = write("application-form.docx", Documents.form(answers));
        assertThat(validate(form.toString(), tables().toString())).isEqualTo(1);
        assertThat(output).contains("There is a problem with this submission.", "application-form.docx",
                "  - Telephone number: Enter telephone number.",
                "  - Email address: Enter email address in the right format, like name@example.org.");
    }

    @Test
    void jsonOutputCarriesTheOutcomeAndEveryProblem() throws Exception {
        Map<String, String> answers = Forms.srsApplication();
        answers.remove("project.title");
        Path form = write("application-form.docx", Documents.form(answers));
        assertThat(validate("--json", form.toString(), tables().toString())).isEqualTo(1);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output);
        assertThat(json.get("outcome").asText()).isEqualTo("DEFECTS");
        assertThat(json.get("problems").get(0).get("code").asText()).isEqualTo("ANSWER_MISSING");
        assertThat(json.get("problems").get(0).get("location").asText()).isEqualTo("Project title");
    }

    @Test
    void anUnsafeFileMeansTheSubmissionCouldNotBeChecked() throws Exception {
        Path form = write("application-form.docx", Documents.docm());
        assertThat(validate(form.toString(), tables().toString())).isEqualTo(2);
        assertThat(output).contains("a file could be unsafe", "This file contains macros");
    }

    @Test
    void aMissingFileOrBrokenSchemasCannotBeChecked() throws Exception {
        assertThat(validate(dir.resolve("nope.docx").toString())).isEqualTo(2);
        Path form = write("application-form.docx", Documents.form(Forms.srsApplication()));
        assertThat(validate("--schemas", dir.resolve("no-schemas").toString(), form.toString())).isEqualTo(2);
    }

    @Test
    void aRequestOnlyForDeaDataIsRedirected() throws Exception {
        Map<String, String> answers = Forms.srsApplication();
        answers.put("data.datasets", "LEO");
        answers.put("data.sources", "Other");
        Path form = write("application-form.docx", Documents.form(answers));
        assertThat(validate(form.toString())).isEqualTo(1);
        assertThat(output).contains("This request is not for the DfE data sharing service.",
                "Apply to the ONS Research Accreditation Service:");
    }

    @Test
    void jsonListsEveryFileWithWhereItWasFoundItsTypeKindVerdictScanAndFindings() throws Exception {
        Path form = write("application-form.docx", Documents.form(Forms.srsApplication()));
        Path zip = write("evidence.zip", Documents.zip(Map.of("certificate.pdf", Documents.pdf("Baseline Personnel Security Standard"),
                "broken.pdf", "%PDF-1.7 cut short".getBytes(StandardCharsets.US_ASCII))));
        Path old = write("notes.doc", Documents.ole("WordDocument", "1Table"));
        Path macro = write("tables.xlsx", Documents.docm());
        validate("--json", form.toString(), zip.toString(), old.toString(), macro.toString(), tables().toString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output);
        Map<String, com.fasterxml.jackson.databind.JsonNode> files = new java.util.LinkedHashMap<>();
        json.get("files").forEach(f -> files.put(f.get("name").asText(), f));
        assertThat(files).containsOnlyKeys("application-form.docx", "evidence.zip", "certificate.pdf", "broken.pdf", "notes.doc",
                "tables.xlsx", "npd-data-tables.xlsx");
        assertThat(files.get("application-form.docx").get("kind").asText()).isEqualTo("application-form");
        assertThat(files.get("application-form.docx").get("verdict").asText()).isEqualTo("accepted");
        assertThat(files.get("application-form.docx").get("detectedType").asText())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(files.get("application-form.docx").get("scan").asText()).isEqualTo("not scanned");
        assertThat(files.get("evidence.zip").get("verdict").asText()).isEqualTo("archive");
        assertThat(files.get("certificate.pdf").get("foundIn").asText()).isEqualTo("inside archive evidence.zip");
        assertThat(files.get("certificate.pdf").get("kind").asText()).isEqualTo("background-check-evidence");
        assertThat(files.get("broken.pdf").get("verdict").asText()).isEqualTo("damaged");
        assertThat(files.get("broken.pdf").get("findings").get(0).get("code").asText()).isEqualTo("FILE_DAMAGED");
        assertThat(files.get("notes.doc").get("verdict").asText()).isEqualTo("not accepted");
        assertThat(files.get("tables.xlsx").get("verdict").asText()).isEqualTo("unsafe");
        assertThat(files.get("tables.xlsx").get("findings").findValuesAsText("code")).contains("FILE_HAS_MACROS");
        assertThat(json.get("outcome").asText()).isEqualTo("UNSAFE");
    }

    @Test
    void theTextReportListsEachFileAndItsVerdict() throws Exception {
        Path form = write("application-form.docx", Documents.form(Forms.srsApplication()));
        Path zip = write("tables.zip", Documents.zip(Map.of("npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias"))));
        assertThat(validate(form.toString(), zip.toString())).as(output).isEqualTo(0);
        assertThat(output).contains("Files", "  - application-form.docx: accepted, application form", "  - tables.zip: archive",
                "  - npd-data-tables.xlsx (inside archive tables.zip): accepted, NPD data tables");
    }
}
