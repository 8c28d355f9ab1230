package uk.gov.education.datasharing.intake.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.mail.MessagingException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.inspect.ScannerUnavailableException;
import uk.gov.education.datasharing.intake.pipeline.DecideOutcome;
import uk.gov.education.datasharing.intake.pipeline.Decision;
import uk.gov.education.datasharing.intake.pipeline.ExtractFiles;
import uk.gov.education.datasharing.intake.pipeline.ExtractedFiles;
import uk.gov.education.datasharing.intake.pipeline.FileKeeper;
import uk.gov.education.datasharing.intake.pipeline.IntakeWiring;
import uk.gov.education.datasharing.intake.pipeline.StageTimings;
import uk.gov.education.datasharing.intake.pipeline.Validated;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;
import uk.gov.education.datasharing.intake.validate.Validation;
import uk.gov.education.datasharing.intake.validate.Validator;

/**
 * Checks one submission offline, as the gateway would: the files are put together as one message and go
 * through the gateway's own extract stage (zips unpacked, every bound, the configured scanner), then every
 * rule runs. Nothing is kept: files are spooled encrypted while read and only hashed. Exit 0: valid; 1: problems to fix (or another body handles it); 2: could
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
        // the same bounds and scanner as the gateway: the defaults, or INTAKE_* from the environment
        Settings settings = Settings.load(null, null, System.getenv(), new java.util.Properties());
        GatewayConfig.Limits limits = GatewayConfig.limits(settings);
        Path spoolDir = Files.createTempDirectory("intake-validate-");
        ExtractedFiles extracted;
        try {
            ExtractFiles extract = new ExtractFiles(IntakeWiring.extractor(limits), IntakeWiring.inspector(limits, GatewayConfig.scanner(settings)),
                    FileKeeper.HASH_ONLY, spoolDir, schemas, new StageTimings());
            extracted = extract.extract(SubmissionMessage.of(files));
        } catch (ScannerUnavailableException e) {
            System.err.println("could not check: the malware scanner (intake.scanner) did not answer");
            return COULD_NOT_CHECK;
        } catch (MessagingException e) {
            System.err.println("could not check: the files could not be put together as a message");
            return COULD_NOT_CHECK;
        } finally {
            Files.deleteIfExists(spoolDir);
        }
        SubmissionReader reader = extracted.reader();
        Validation validation = new Validator(schemas).validate(reader.submission(today == null ? LocalDate.now() : today));
        Decision decision = new DecideOutcome(schemas.problems()).decide(extracted.problems(),
                new Validated(validation, reader.problems(), Map.of(), List.of()));
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(ValidateReport.of(decision, extracted.files())));
        } else {
            ValidateReport.print(out, decision, extracted.files(), schemas.rules().listBeforeGrouping());
        }
        return exitCode(decision.outcome());
    }

    /** 0: complete; 1: problems to fix, or another body handles it; 2: could not check (unsafe, or not an application). */
    static int exitCode(Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> VALID;
            case DEFECTS, REDIRECTED -> PROBLEMS;
            case ENQUIRY, QUARANTINED, RECEIVED -> COULD_NOT_CHECK;
        };
    }

}
