package uk.gov.education.datasharing.intake.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import uk.gov.education.datasharing.intake.Documents;
import uk.gov.education.datasharing.intake.Mails;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.pipeline.MessageResult;
import uk.gov.education.datasharing.intake.pipeline.Stages;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.validate.Forms;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway and {@code validate} decide with the same class, so the same files give the same outcome
 * and the same problems, whichever way they arrive: by email through every stage, or as files offline.
 */
@Timeout(120)
class GatewayAndValidateAgreeTest {

    @TempDir
    Path dir;

    static Stream<Arguments> submissions() {
        Map<String, String> incomplete = Forms.srsApplication();
        incomplete.remove("applicant.phone");
        incomplete.put("applicant.email", "not an address");
        Map<String, String> leoOnly = Forms.srsApplication();
        leoOnly.put("data.datasets", "LEO");
        leoOnly.put("data.sources", "Other");
        return Stream.of(
                Arguments.of("complete", "ACCEPTED", "VALID", files("application-form.docx", Documents.form(Forms.srsApplication()),
                        "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias"))),
                Arguments.of("defects", "DEFECTS", "DEFECTS", files("application-form.docx", Documents.form(incomplete),
                        "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias"))),
                // the case the two formulas used to disagree on: the rules find nothing, but a file is damaged
                Arguments.of("damaged file", "DEFECTS", "DEFECTS", files("application-form.docx", Documents.form(Forms.srsApplication()),
                        "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias"), "evidence.pdf", "%PDF-1.7 broken".getBytes())),
                Arguments.of("redirect", "REDIRECTED", "REDIRECTED", files("application-form.docx", Documents.form(leoOnly))),
                Arguments.of("unsafe", "QUARANTINED", "UNSAFE", files("application-form.docx", Documents.docm())),
                // validate unpacks zips as the gateway does (it used to call every zip ARCHIVE_NOT_CHECKED)
                Arguments.of("zipped", "ACCEPTED", "VALID", files("submission.zip", Documents.zip(Map.of(
                        "application-form.docx", Documents.form(Forms.srsApplication()), "npd-data-tables.xlsx", Documents.npdWorkbook("NPD Alias"))))),
                Arguments.of("unsafe in a zip", "QUARANTINED", "UNSAFE", files("application-form.docx", Documents.form(Forms.srsApplication()),
                        "evidence.zip", Documents.zip(Map.of("macro.docx", Documents.docm())))));
    }

    static Object[] files(Object... namesAndContents) {
        return namesAndContents;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submissions")
    void theSameFilesGiveTheSameOutcomeAndProblems(String name, String gatewayOutcome, String validateOutcome, Object[] files) throws Exception {
        List<List<String>> viaGateway;
        List<List<String>> filesViaGateway;
        try (Stages stages = new Stages(dir)) {
            MessageResult result = stages.process(Mails.withAttachments(Stages.APPLICANT, Stages.MAILBOX, "Application", "Attached.", files));
            CaseSummary summary = stages.db.inTransaction(c -> new Cases(stages.sealer()).find(c, result.reference())).orElseThrow();
            assertThat(summary.outcome().name()).isEqualTo(gatewayOutcome);
            viaGateway = stages.db.inTransaction(c -> {
                long submission = new Cases(stages.sealer()).submissions(c, result.reference()).get(0).id();
                return new Cases(stages.sealer()).findings(c, submission).stream().filter(f -> !f.code().equals("REDIRECT"))
                        .map(f -> List.of(f.code(), f.document(), f.location(), f.message(), f.fix())).toList();
            });
            filesViaGateway = stages.db.inTransaction(c -> new Cases(stages.sealer()).submissions(c, result.reference()).get(0).files()
                    .stream().map(f -> List.of(f.safeName(), f.container().isEmpty() ? "attached" : f.container(), f.sha256(),
                            f.check().detectedType(), f.check().kind().id(), f.check().scan().name())).toList());
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < files.length; i += 2) {
            Path file = dir.resolve((String) files[i]);
            Files.write(file, (byte[]) files[i + 1]);
            args.add(file.toString());
        }
        JsonNode json = validateJson(args);
        assertThat(json.get("outcome").asText()).isEqualTo(validateOutcome);
        List<List<String>> viaValidate = new ArrayList<>();
        json.get("problems").forEach(p -> viaValidate.add(List.of(p.get("code").asText(), p.get("document").asText(),
                p.get("location").asText(), p.get("message").asText(), p.get("fix").asText())));
        assertThat(viaValidate).isEqualTo(viaGateway);
        List<List<String>> filesViaValidate = new ArrayList<>();
        json.get("files").forEach(f -> filesViaValidate.add(List.of(f.get("name").asText(), f.get("foundIn").asText(), f.get("sha256").asText(),
                f.get("detectedType").asText(), f.get("kind").asText(), f.get("scan").asText().toUpperCase(java.util.Locale.ROOT).replace(' ', '_'))));
        assertThat(filesViaValidate).isEqualTo(filesViaGateway);
    }

    private JsonNode validateJson(List<String> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("validate", "--json", "--today", LocalDate.now(ZoneId.of("Europe/London")).toString()));
        all.addAll(files);
        CommandLine cli = IntakeGateway.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs(all.toArray(String[]::new));
        ((ValidateCommand) parsed.subcommand().commandSpec().userObject()).out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        cli.getExecutionStrategy().execute(parsed);
        return new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
    }
}
