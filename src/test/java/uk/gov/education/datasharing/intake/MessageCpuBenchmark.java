package uk.gov.education.datasharing.intake;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLStreamReader;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.crypto.OpenPgpEncryptor;
import uk.gov.education.datasharing.intake.crypto.TeamPublicKeys;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.io.SafeXml;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.pipeline.ExtractFiles;
import uk.gov.education.datasharing.intake.pipeline.ExtractedFiles;
import uk.gov.education.datasharing.intake.pipeline.FileKeeper;
import uk.gov.education.datasharing.intake.pipeline.IntakeWiring;
import uk.gov.education.datasharing.intake.pipeline.StageTimings;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.validate.Validator;

/**
 * CPU per message of {@link BacklogBenchmark}'s mix, in one thread, warm: first the byte-level work any gateway that checks
 * and keeps these files must do (MIME and base64, the identity hash, the encrypted spool, inflating the workbook, one
 * conformant XML parse of its sheet with no handler, OpenPGP for the stored copies), then what this gateway's extraction and
 * validation take for the same message. The difference is what the gateway's own reading costs; the first sum is a floor
 * for throughput work. Not a test: run with {@code mvn -B verify -Pbenchmark}; appended to target/benchmark-message-cpu.txt.
 */
class MessageCpuBenchmark {

    private static final int WARMUP = Integer.getInteger("benchmark.warmup-rounds", 30);
    private static final int MEASURED = Integer.getInteger("benchmark.rounds", 40);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    private final byte[] buffer = new byte[1 << 16];

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    @Test
    void cpuPerMessageOfTheBacklogMix() throws Exception {
        Path workbook = dir.resolve("npd-data-tables.xlsx");
        Documents.largeNpdWorkbook(workbook, 30_000, 0, -2);
        byte[] xlsx = Files.readAllBytes(workbook);
        byte[] raw = BacklogBenchmark.message("cpu", 0, xlsx).getBytes(StandardCharsets.ISO_8859_1);
        byte[] sheet;
        try (ZipFile zip = new ZipFile(workbook.toFile())) {
            sheet = zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes();
        }
        OpenPgpEncryptor encryptor = new OpenPgpEncryptor(TeamPublicKeys.load(List.of(TestKeys.writePublicKey(dir))));
        Schemas schemas = Schemas.load(Path.of("schemas"));
        GatewayConfig.Limits limits = GatewayConfig.limits(Settings.load(null, null, Map.of(), new Properties()));
        Path spool = Files.createDirectories(dir.resolve("spool"));
        ExtractFiles extract = new ExtractFiles(IntakeWiring.extractor(limits), IntakeWiring.inspector(limits, uk.gov.education.datasharing.intake.inspect.Scanner.NONE), FileKeeper.HASH_ONLY,
                spool, schemas, new StageTimings());

        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "message CPU: one message of %.2f MB (workbook %.2f MB, sheet XML %.1f MB), one thread, median of %d after %d warm-up, JVM %s%n",
                raw.length / 1e6, xlsx.length / 1e6, sheet.length / 1e6, MEASURED, WARMUP,
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-X")).toList())));
        double floor = 0;
        floor += measure(out, "MIME parse and base64 decoding of every part", () -> {
            MimeMultipart parts = (MimeMultipart) new MimeMessage(null, new ByteArrayInputStream(raw)).getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                drain(parts.getBodyPart(i).getInputStream());
            }
        });
        floor += measure(out, "SHA-256 of the message", () -> Sha256.newDigest().digest(raw));
        floor += measure(out, "encrypted spool: write and read the message and the workbook", () -> {
            for (byte[] bytes : List.of(raw, xlsx)) {
                try (EncryptedSpool s = EncryptedSpool.write(spool, o -> o.write(bytes), Long.MAX_VALUE)) {
                    drain(s.open());
                }
            }
        });
        floor += measure(out, "inflate every part of the workbook", () -> {
            try (ZipFile zip = new ZipFile(workbook.toFile())) {
                for (var entry : Collections.list(zip.entries())) {
                    drain(zip.getInputStream(entry));
                }
            }
        });
        floor += measure(out, "parse the sheet (Woodstox, as configured), no handler", () -> {
            XMLStreamReader xml = SafeXml.reader(new ByteArrayInputStream(sheet));
            while (xml.hasNext()) {
                xml.next();
            }
        });
        floor += measure(out, "OpenPGP for the stored message and files", () -> {
            encryptor.encrypt(new ByteArrayInputStream(raw), OutputStream.nullOutputStream());
            encryptor.encrypt(new ByteArrayInputStream(xlsx), OutputStream.nullOutputStream());
        });
        out.append(String.format(Locale.ROOT, "  %-66s %6.1f ms%n", "sum: the byte-level floor", floor));
        Validator validator = new Validator(schemas);
        measure(out, "the gateway's extract and validate stages for the same message", () -> {
            ExtractedFiles files = extract.extract(new MimeMessage(null, new ByteArrayInputStream(raw)));
            validator.validate(files.reader().submission(LocalDate.of(2026, 12, 1)));
        });
        BenchmarkSupport.report("message-cpu", out.toString());
    }

    private double measure(StringBuilder out, String what, Work work) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            work.run();
        }
        long[] cpu = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            work.run();
            cpu[i] = THREADS.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(cpu);
        double median = cpu[MEASURED / 2] / 1e6;
        out.append(String.format(Locale.ROOT, "  %-66s %6.1f ms (p10 %.1f, p90 %.1f)%n", what, median, cpu[MEASURED / 10] / 1e6,
                cpu[MEASURED * 9 / 10] / 1e6));
        return median;
    }

    private void drain(InputStream in) throws Exception {
        try (in) {
            while (in.read(buffer) >= 0) {
                // read only
            }
        }
    }
}
