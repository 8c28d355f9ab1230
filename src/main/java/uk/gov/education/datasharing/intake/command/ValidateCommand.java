package uk.gov.education.datasharing.intake.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.FilePolicy;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.mime.SafeFileName;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.Problem;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.pipeline.DecideOutcome;
import uk.gov.education.datasharing.intake.pipeline.Decision;
import uk.gov.education.datasharing.intake.pipeline.InspectFile;
import uk.gov.education.datasharing.intake.pipeline.Validated;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;
import uk.gov.education.datasharing.intake.validate.Validation;
import uk.gov.education.datasharing.intake.validate.Validator;

/**
 * Checks one submission offline, as the gateway would: every file checked and recognised, forms and
 * workbooks read, every rule run. Exit 0: valid; 1: problems to fix (or another body handles it); 2: could
 * not check (unreadable or unsafe files, no application documents, broken schemas).
 */
@Command(name = "validate", description = "Check one submission's files offline and list what to fix. Exit 0 valid, 1 problems, 2 could not check.")
final class ValidateCommand implements Callable<Integer> {

    static final int VALID = 0;
    static final int PROBLEMS = 1;
    static final int COULD_NOT_CHECK = 2;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The submission's files (form, data tables, questionnaire, evidence).")
    List<Path> files;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--schemas", defaultValue = "schemas", description = "The schemas folder (default: ${DEFAULT-VALUE}).")
    Path schemasDir;

    @Option(names = "--today", description = "Judge dates as on this day (yyyy-mm-dd; default: today).")
    LocalDate today;

    PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        Schemas schemas = Gateway.schemasOrReport(schemasDir);
        if (schemas == null) {
            return COULD_NOT_CHECK;
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                System.err.println("cannot read " + file);
                return COULD_NOT_CHECK;
            }
        }
        // the same bounds as the gateway: the defaults, or INTAKE_LIMITS_* from the environment
        GatewayConfig.Limits limits = GatewayConfig.limits(Settings.load(null, null, System.getenv(), new java.util.Properties()));
        InspectFile inspect = new InspectFile(new FileInspector(limits.inspection(), Scanner.NONE), limits.documentInflatedBytes());
        SubmissionReader reader = new SubmissionReader(schemas, SubmissionReader.MAX_REQUESTED_ROWS);
        List<Problem> fileProblems = new ArrayList<>();
        Path spoolDir = Files.createTempDirectory("intake-validate-");
        try {
            for (Path file : files) {
                fileProblems.addAll(check(file, spoolDir, inspect, reader));
            }
        } finally {
            Files.deleteIfExists(spoolDir);
        }
        Validation validation = new Validator(schemas).validate(reader.submission(today == null ? LocalDate.now() : today));
        Decision decision = new DecideOutcome(schemas.problems()).decide(fileProblems,
                new Validated(validation, reader.problems(), Map.of(), List.of()));
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(ValidateReport.of(decision)));
        } else {
            ValidateReport.print(out, decision, schemas.rules().listBeforeGrouping());
        }
        return exitCode(decision.outcome());
    }

    /** Spools one file encrypted, inspects and judges it as the gateway would, and reads it; a zip is not unpacked here. */
    private static List<Problem> check(Path file, Path spoolDir, InspectFile inspect, SubmissionReader reader) throws IOException {
        String name = SafeFileName.of(file.getFileName().toString(), "file");
        try (EncryptedSpool spool = EncryptedSpool.write(spoolDir, "file-", out -> copy(file, out), Long.MAX_VALUE)) {
            ReceivedFile received = new ReceivedFile(0, "", name, name, "application/octet-stream", spool.size(), spool.sha256());
            InspectFile.Inspected inspected = inspect.inspect(spool, received, null);
            FilePolicy.Judgement judgement = FilePolicy.archiveUnpacked(inspected.judgement(), received, false);
            reader.add(name, judgement.check(), InspectFile.read(spool, inspected, reader));
            return judgement.findings();
        }
    }

    /** 0: complete; 1: problems to fix, or another body handles it; 2: could not check (unsafe, or not an application). */
    static int exitCode(Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> VALID;
            case DEFECTS, REDIRECTED -> PROBLEMS;
            case ENQUIRY, QUARANTINED, RECEIVED -> COULD_NOT_CHECK;
        };
    }

    private static void copy(Path file, java.io.OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }
}
