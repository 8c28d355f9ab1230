package uk.gov.education.datasharing.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.FilePolicy;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.validate.Forms;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;
import uk.gov.education.datasharing.intake.validate.Validation;
import uk.gov.education.datasharing.intake.validate.Validator;

/**
 * Submissions validated per second for a realistic submission (application form and questionnaire with
 * content controls, a 1,200-row NPD workbook, two PDFs): every file spooled encrypted, inspected, judged and
 * read, then every rule run, as in the gateway (storage excluded). Also one submission with a 25 MB
 * workbook. Not a test: run with {@code mvn -B verify -Pbenchmark}; results are printed and appended to
 * target/benchmark-validation.txt.
 */
class ValidationBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 100);
    private static final Schemas SCHEMAS = Schemas.load(Path.of("schemas"));
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    @TempDir
    Path dir;

    private final FileInspector inspector = new FileInspector(
            GatewayConfig.limits(Settings.load(null, null, java.util.Map.of(), new java.util.Properties())).inspection(), Scanner.NONE);
    private final FilePolicy policy = new FilePolicy();
    private final Validator validator = new Validator(SCHEMAS);

    private Map<String, byte[]> submission(Path workbook) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("application-form.docx", Documents.form(Forms.srsApplication()));
        files.put("security-questionnaire.docx", Documents.form(Forms.questionnaire()));
        files.put("npd-data-tables.xlsx", Files.readAllBytes(workbook));
        files.put("bpss-evidence.pdf", Documents.pdf("Baseline Personnel Security Standard verification"));
        files.put("data-sharing-agreement.pdf", Documents.pdf("Data sharing agreement between A and B"));
        return files;
    }

    @Test
    void measureRealisticSubmission() throws Exception {
        Path workbook = dir.resolve("tables.xlsx");
        Documents.largeNpdWorkbook(workbook, 1_200, 1);
        Map<String, byte[]> files = submission(workbook);
        long bytes = files.values().stream().mapToLong(b -> b.length).sum();
        Validation first = validate(files);
        for (int i = 0; i < 10; i++) {
            validate(files);
        }
        BenchmarkSupport.resetPeaks();
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            validate(files);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchmarkSupport.report("validation", String.format(Locale.ROOT, "validation benchmark, realistic submission (%d files, %.0f KB: form, questionnaire, 1,200-row "
                        + "NPD workbook, two PDFs; outcome %s with %d problems): %d submissions in %.1f s = %.1f submissions/s; "
                        + "peak heap %d MB; %d cores%n", files.size(), bytes / 1e3, first.scope(), first.problems().size(), ROUNDS, seconds,
                ROUNDS / seconds, BenchmarkSupport.peakHeapMb(), Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void measureA25MegabyteWorkbook() throws Exception {
        Path workbook = dir.resolve("large.xlsx");
        Documents.largeNpdWorkbook(workbook, 360_000, 25);
        Map<String, byte[]> files = submission(workbook);
        BenchmarkSupport.resetPeaks();
        long start = System.nanoTime();
        Validation validation = validate(files);
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchmarkSupport.report("validation", String.format(Locale.ROOT, "validation benchmark, submission with a %.1f MB NPD workbook (360,000 rows, about 36,000 "
                        + "requested): %s with %d problems in %.1f s; peak heap %d MB (including the test's copies of the files)%n",
                files.get("npd-data-tables.xlsx").length / 1e6, validation.scope(), validation.problems().size(), seconds, BenchmarkSupport.peakHeapMb()));
    }

    private Validation validate(Map<String, byte[]> files) throws Exception {
        SubmissionReader reader = new SubmissionReader(SCHEMAS, 200_000);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            byte[] content = file.getValue();
            try (EncryptedSpool spool = EncryptedSpool.write(dir, "file-", out -> out.write(content), Long.MAX_VALUE)) {
                ReceivedFile received = new ReceivedFile(1, "1", file.getKey(), file.getKey(), "application/octet-stream", content.length,
                        spool.sha256());
                var check = FilePolicy.archiveUnpacked(policy.judge(received, inspector.inspect(spool)), received, false).check();
                reader.add(file.getKey(), check, reader.parse(check, spool::channel));
            }
        }
        return validator.validate(reader.submission(TODAY));
    }
}
