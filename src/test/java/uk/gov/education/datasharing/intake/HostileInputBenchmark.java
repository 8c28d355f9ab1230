package uk.gov.education.datasharing.intake;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.mime.FileExtractor;
import uk.gov.education.datasharing.intake.model.StoredObject;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.validate.DataTableReader;
import uk.gov.education.datasharing.intake.validate.FormReader;

/**
 * The cost of each hostile input of issue 9, in milliseconds per kilobyte sent, through the reader that
 * paid for it: the file checks (the DDE pattern), the data-table and form readers, and the MIME walk (a zip
 * folder that inflates, a zip inside). Sizes come from system properties so the same inputs can be scaled
 * down for code that needs minutes for them. Not a test: {@code mvn -B verify -Pbenchmark}; results are
 * appended to target/benchmark-hostile.txt.
 */
class HostileInputBenchmark {

    private static final Schemas SCHEMAS = Schemas.load(Path.of("schemas"));

    @TempDir
    Path dir;

    @Test
    void measureTheSlowestHostileInputPerKilobyte() throws Exception {
        // warm up each path on ordinary files first, so the first measurement is not class loading
        for (int i = 0; i < 3; i++) {
            inspect(Documents.npdWorkbook("NPD Alias"));
            readTables(Documents.npdWorkbook("NPD Alias"));
            readForm(Documents.form(Map.of("project.title", "A title")));
            extract(Documents.zip(Map.of("a.pdf", Documents.pdf("a"))));
        }
        Map<String, Double> msPerKb = new LinkedHashMap<>();
        int ddeCells = Integer.getInteger("hostile.dde-cells", 1_000);
        byte[] dde = HostileFiles.spacedPipeFormulas(ddeCells, 1_997);
        msPerKb.put("DDE-pattern formulas (" + ddeCells + " cells)", perKb(dde, () -> inspect(dde)));
        int sheets = Integer.getInteger("hostile.sheets", 1_000);
        byte[] manySheets = HostileFiles.manySheetsOnePart(sheets, 20_000);
        msPerKb.put(sheets + " sheets naming one part", perKb(manySheets, () -> readTables(manySheets)));
        int controls = Integer.getInteger("hostile.controls", 16_000);
        byte[] form = HostileFiles.controlsSharingATag("project.title", controls, 10);
        msPerKb.put(controls + " controls sharing a tag", perKb(form, () -> readForm(form)));
        long folder = Long.getLong("hostile.folder-bytes", 2L << 30);
        byte[] bomb = HostileFiles.folderBomb(folder);
        msPerKb.put("zip folder inflating to " + (folder >> 20) + " MiB", perKb(bomb, () -> extract(bomb)));
        String slowest = msPerKb.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        StringBuilder report = new StringBuilder("hostile input benchmark (ms per KB sent): ");
        msPerKb.forEach((name, value) -> report.append(name).append(String.format(Locale.ROOT, " %.3f; ", value)));
        report.append("slowest: ").append(slowest).append(String.format(Locale.ROOT, " at %.3f ms/KB%n", msPerKb.get(slowest)));
        BenchmarkSupport.report("hostile", report.toString());
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private static double perKb(byte[] input, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6 / (input.length / 1024.0);
    }

    private void inspect(byte[] content) throws Exception {
        FileInspector inspector = new FileInspector(new FileInspector.Limits(32 << 20, 10_000, 1L << 30, 200_000), Scanner.NONE);
        try (EncryptedSpool spool = EncryptedSpool.write(dir, out -> out.write(content), Long.MAX_VALUE)) {
            inspector.inspect(spool);
        }
    }

    private void readTables(byte[] content) throws Exception {
        try (EncryptedSpool spool = EncryptedSpool.write(dir, out -> out.write(content), Long.MAX_VALUE)) {
            new DataTableReader(SCHEMAS.dataTables(), 200_000).read("t.xlsx", spool.channel());
        }
    }

    private void readForm(byte[] content) throws Exception {
        try (EncryptedSpool spool = EncryptedSpool.write(dir, out -> out.write(content), Long.MAX_VALUE)) {
            new FormReader().read("f.docx", spool.channel(), SCHEMAS.applicationForm());
        }
    }

    private void extract(byte[] zip) throws Exception {
        String raw = Mails.withAttachments("a@b.test", "c@d.test", "s", "b", "bundle.zip", zip);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        new FileExtractor(new FileExtractor.Limits(20, 500, 100, 31_457_280, 104_857_600, 200, 100, 2)).extract(message, (file, in) -> {
            long n = in.transferTo(java.io.OutputStream.nullOutputStream());
            return new StoredObject("0".repeat(64), n, false);
        });
    }
}
