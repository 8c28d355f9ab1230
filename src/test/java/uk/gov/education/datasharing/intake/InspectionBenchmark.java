package uk.gov.education.datasharing.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.inspect.ContentInspection;
import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.FilePolicy;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.ReceivedFile;

/**
 * Files inspected per second for a realistic submission mix: an application form and a security
 * questionnaire (Word), a 1,200-row NPD workbook, two PDFs and a picture. Each file is spooled encrypted,
 * typed by Tika, read by its structure reader and judged, as in the gateway (storage excluded). Also
 * times one 25 MB workbook. Not a test: run with {@code mvn -B verify -Pbenchmark}; results are printed
 * and appended to target/benchmark-inspection.txt.
 */
class InspectionBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 200);

    @TempDir
    Path dir;

    private final FileInspector inspector = new FileInspector(
            GatewayConfig.limits(Settings.load(null, null, java.util.Map.of(), new java.util.Properties())).inspection(), Scanner.NONE);
    private final FilePolicy policy = new FilePolicy();

    @Test
    void measureRealisticMix() throws Exception {
        Map<String, byte[]> mix = new LinkedHashMap<>();
        List<String> form = new ArrayList<>(List.of("Application for DfE personal data"));
        for (String section : List.of("Applicant", "Project", "Lawful basis", "Data", "Access", "Declaration")) {
            form.add(section);
            for (int i = 0; i < 10; i++) {
                form.add("Question " + i + " of " + section + ": an answer of a sentence or two, as applicants write them.");
            }
        }
        mix.put("application-form.docx", Documents.docx(form.toArray(String[]::new)));
        mix.put("security-questionnaire.docx", Documents.docx("Information security questionnaire", "1. Policy: Yes", "2. ISO 27001: Yes"));
        Path tables = dir.resolve("tables.xlsx");
        Documents.largeNpdWorkbook(tables, 1_200, 1);
        mix.put("npd-data-tables.xlsx", Files.readAllBytes(tables));
        mix.put("bpss-evidence.pdf", Documents.pdf("Baseline Personnel Security Standard verification", "for three named staff"));
        mix.put("data-sharing-agreement.pdf", Documents.pdf("Data sharing agreement between A and B", "Clause 1", "Clause 2"));
        mix.put("certificate.png", java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
        long bytesPerRound = mix.values().stream().mapToLong(b -> b.length).sum();

        for (int i = 0; i < 20; i++) {
            inspectAll(mix);
        }
        BenchmarkSupport.resetPeaks();
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            inspectAll(mix);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int files = ROUNDS * mix.size();
        BenchmarkSupport.report("inspection", String.format(Locale.ROOT, "inspection benchmark, realistic mix (%d files, %.0f KB per round: form, questionnaire, "
                        + "1,200-row NPD workbook of %d KB, two PDFs, a picture): %d files in %.1f s = %.0f files/s, %.1f MB/s; "
                        + "peak heap %d MB; %d cores%n",
                mix.size(), bytesPerRound / 1e3, mix.get("npd-data-tables.xlsx").length / 1000, files, seconds, files / seconds,
                ROUNDS * bytesPerRound / 1e6 / seconds, BenchmarkSupport.peakHeapMb(), Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void measureA25MegabyteWorkbook() throws Exception {
        Path workbook = dir.resolve("large.xlsx");
        Documents.largeNpdWorkbook(workbook, 360_000, 25);
        byte[] bytes = Files.readAllBytes(workbook);
        BenchmarkSupport.resetPeaks();
        long start = System.nanoTime();
        FileCheck check = inspect("large.xlsx", bytes);
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchmarkSupport.report("inspection", String.format(Locale.ROOT, "inspection benchmark, one %.1f MB NPD workbook (360,000 rows): %s as %s in %.1f s "
                        + "(%.1f MB/s of workbook); peak heap %d MB, of which %.0f MB is the test's own copy of the file%n",
                bytes.length / 1e6, check.verdict(), check.kind(), seconds, bytes.length / 1e6 / seconds, BenchmarkSupport.peakHeapMb(), bytes.length / 1e6 / 1.048576));
    }

    private void inspectAll(Map<String, byte[]> mix) throws Exception {
        for (Map.Entry<String, byte[]> file : mix.entrySet()) {
            FileCheck check = inspect(file.getKey(), file.getValue());
            if (check.verdict() != FileCheck.Verdict.ACCEPTED) {
                throw new IllegalStateException(file.getKey() + " was " + check.verdict());
            }
        }
    }

    private FileCheck inspect(String name, byte[] content) throws Exception {
        try (EncryptedSpool spool = EncryptedSpool.write(dir, "file-", out -> out.write(content), Long.MAX_VALUE)) {
            ContentInspection inspection = inspector.inspect(spool);
            ReceivedFile file = new ReceivedFile(1, "1.2", name, name, "application/octet-stream", content.length, spool.sha256());
            return FilePolicy.archiveUnpacked(policy.judge(file, inspection), file, false).check();
        }
    }
}
