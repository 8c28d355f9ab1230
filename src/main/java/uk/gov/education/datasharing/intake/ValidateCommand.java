package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.FilePolicy;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.intake.EncryptedSpool;
import uk.gov.education.datasharing.intake.mime.SafeFileName;
import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.validate.ProblemList;
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
        FileInspector inspector = new FileInspector(
                GatewayConfig.limits(Settings.load(null, null, System.getenv(), new java.util.Properties())).inspection(), Scanner.NONE);
        FilePolicy policy = new FilePolicy();
        SubmissionReader reader = new SubmissionReader(schemas, SubmissionReader.MAX_REQUESTED_ROWS);
        List<Defect> fileProblems = new ArrayList<>();
        Path spoolDir = Files.createTempDirectory("intake-validate-");
        try {
            for (Path file : files) {
                String name = SafeFileName.of(file.getFileName().toString(), "file");
                try (EncryptedSpool spool = EncryptedSpool.write(spoolDir, "file-", out -> copy(file, out), Long.MAX_VALUE)) {
                    ReceivedFile received = new ReceivedFile(0, "", name, name, "application/octet-stream", spool.size(), spool.sha256());
                    FilePolicy.Judgement judgement = policy.judge(received, inspector.inspect(spool), false);
                    fileProblems.addAll(judgement.findings());
                    reader.add(name, judgement.check(), spool::channel);
                }
            }
        } finally {
            Files.deleteIfExists(spoolDir);
        }
        Validation validation = new Validator(schemas).validate(reader.submission(today == null ? LocalDate.now() : today));
        List<Defect> problems = new ArrayList<>(fileProblems);
        problems.addAll(reader.problems());
        problems.addAll(validation.problems());
        boolean unsafe = fileProblems.stream().anyMatch(d -> d.severity() == Defect.Severity.UNSAFE);
        int exit = unsafe || validation.outcome() == Validation.Outcome.ENQUIRY ? COULD_NOT_CHECK
                : validation.outcome() == Validation.Outcome.ACCEPTED && problems.stream().allMatch(d -> d.severity() == Defect.Severity.WARNING)
                ? VALID : PROBLEMS;
        String outcome = unsafe ? "UNSAFE" : exit == VALID ? "VALID" : validation.outcome().name();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("outcome", outcome);
            result.put("problems", problems);
            result.put("redirects", validation.redirects());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            print(outcome, problems, validation, schemas.rules().listBeforeGrouping());
        }
        return exit;
    }

    private void print(String outcome, List<Defect> problems, Validation validation, int listBeforeGrouping) {
        switch (outcome) {
            case "VALID" -> out.println("This submission is complete." + (problems.isEmpty() ? "" : " (Warnings below.)"));
            case "UNSAFE" -> out.println("We could not check this submission: a file could be unsafe.");
            case "ENQUIRY" -> out.println("We could not check this submission: none of the files is an application document.");
            case "REDIRECTED" -> out.println("This request is not for the DfE data sharing service.");
            default -> out.println("There is a problem with this submission.");
        }
        for (var redirect : validation.redirects()) {
            out.println();
            out.println("Apply to " + redirect.to() + ": " + redirect.message() + (redirect.link().isEmpty() ? "" : " " + redirect.link()));
        }
        for (ProblemList.Section section : ProblemList.sections(problems, listBeforeGrouping)) {
            out.println();
            out.println(section.document());
            section.lines().forEach(line -> out.println("  - " + line));
        }
    }

    private static void copy(Path file, java.io.OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }
}
