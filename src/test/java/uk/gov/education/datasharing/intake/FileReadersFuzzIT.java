package uk.gov.education.datasharing.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.io.Deadline;
import uk.gov.education.datasharing.intake.pipeline.DecideOutcome;
import uk.gov.education.datasharing.intake.pipeline.ExtractFiles;
import uk.gov.education.datasharing.intake.pipeline.ExtractedFiles;
import uk.gov.education.datasharing.intake.pipeline.FileKeeper;
import uk.gov.education.datasharing.intake.pipeline.IntakeWiring;
import uk.gov.education.datasharing.intake.pipeline.StageTimings;
import uk.gov.education.datasharing.intake.pipeline.Validated;
import uk.gov.education.datasharing.intake.validate.Validator;

/**
 * Fuzz targets (Jazzer) for what reads a sender's bytes: the MIME walker, the OOXML, OLE2 and PDF readers and the
 * data-table reader. Each input is a document generated here (a form, workbooks, legacy files, PDFs, a whole
 * message) changed by the fuzzer: bytes spliced into one part of a package or anywhere in a file, or the raw input
 * itself. Every input goes through the gateway's own extract stage, then validation and the decision, under the
 * per-message deadline: any exception, any run past the deadline, or running out of memory is a failure; a damaged
 * file must become a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} each target runs on the empty input only (with the unit tests' speed); the build runs
 * each one in fuzzing mode for a short time (one per JVM, as Jazzer requires), and {@code -Pfuzz} for longer.
 */
class FileReadersFuzzIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final List<byte[]> OOXML = List.of(Documents.form(Map.of("applicant.name", "A. Researcher", "project.title", "Outcomes")),
            Documents.docxWithBody("<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
                    + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"),
            Documents.docm(), Documents.xlsx(Map.of("Sheet1", new String[][] {{"a", "b"}, {"1", "2"}})));
    private static final List<byte[]> TABLES = List.of(Documents.npdWorkbook("NPD Alias"), Documents.npdWorkbook("ILR Alias"));
    private static final List<byte[]> OLE = List.of(Documents.xls(), Documents.ole("WordDocument", "1Table", "ObjectPool/"),
            Documents.encryptedXls(), Documents.encryptedDocx(), Documents.ole("PowerPoint Document", "Current User"));
    private static final List<byte[]> PDF = List.of(Documents.pdf("Baseline Personnel Security Standard"), Documents.pdf(false, "plain"),
            Documents.pdfWithJavaScript(), Documents.pdfWithUserPassword());
    private static final String MESSAGE = Mails.withAttachments("applicant@university.example", "data.sharing@education.gov.uk",
            "Application", "Please find attached.", "form.docx", OOXML.get(0), "tables.zip",
            Documents.zip(Map.of("npd.xlsx", TABLES.get(0))), "evidence.pdf", PDF.get(0));

    private static final GatewayConfig.Limits LIMITS = GatewayConfig.limits(Settings.load(null, null, Map.of(), new Properties()));
    private static final Path SPOOL;

    static {
        try {
            SPOOL = Files.createTempDirectory("intake-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void mimeWalker(FuzzedDataProvider data) throws Exception {
        byte[] raw = data.consumeBoolean() ? splice(MESSAGE.getBytes(StandardCharsets.ISO_8859_1), data) : data.consumeRemainingAsBytes();
        examine(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
    }

    @FuzzTest(maxDuration = "20s")
    void officeOpenXml(FuzzedDataProvider data) throws Exception {
        examine(attach("form.docx", mutatePackage(pick(OOXML, data), data)));
    }

    @FuzzTest(maxDuration = "20s")
    void dataTables(FuzzedDataProvider data) throws Exception {
        examine(attach("npd-data-tables.xlsx", mutatePackage(pick(TABLES, data), data)));
    }

    @FuzzTest(maxDuration = "20s")
    void legacyOffice(FuzzedDataProvider data) throws Exception {
        examine(attach("old.doc", mutateFile(pick(OLE, data), data)));
    }

    @FuzzTest(maxDuration = "20s")
    void pdfReader(FuzzedDataProvider data) throws Exception {
        examine(attach("evidence.pdf", mutateFile(pick(PDF, data), data)));
    }

    /** Extract, read, validate and decide, as the gateway does, within the per-message deadline; nothing may escape. */
    private static void examine(MimeMessage message) throws Exception {
        try (Deadline.Scope scope = Deadline.start(DEADLINE)) {
            ExtractedFiles files = new ExtractFiles(IntakeWiring.extractor(LIMITS), IntakeWiring.inspector(LIMITS, Scanner.NONE),
                    FileKeeper.HASH_ONLY, SPOOL, ProjectSchemas.SCHEMAS, new StageTimings()).extract(message);
            var validation = new Validator(ProjectSchemas.SCHEMAS).validate(files.reader().submission(LocalDate.of(2026, 12, 1)));
            new DecideOutcome(ProjectSchemas.SCHEMAS.problems()).decide(files.problems(),
                    new Validated(validation, files.reader().problems(), Map.of(), List.of()));
            if (scope.passed()) {
                throw new AssertionError("one input took longer than the per-message deadline (" + DEADLINE + ")");
            }
        }
    }

    private static MimeMessage attach(String name, byte[] file) {
        return Mails.parse(Mails.withAttachments("applicant@university.example", "data.sharing@education.gov.uk", "Application", "Attached.",
                name, file));
    }

    private static byte[] pick(List<byte[]> seeds, FuzzedDataProvider data) {
        return seeds.get(data.consumeInt(0, seeds.size() - 1));
    }

    /** A few bytes from the fuzzer written over the file at a place it chooses, or the fuzzer's bytes as the whole file. */
    private static byte[] mutateFile(byte[] seed, FuzzedDataProvider data) {
        return data.consumeBoolean() ? splice(seed, data) : data.consumeRemainingAsBytes();
    }

    /** One part of a zip package rewritten with the fuzzer's bytes spliced in, the rest kept; or the raw input. */
    private static byte[] mutatePackage(byte[] seed, FuzzedDataProvider data) throws IOException {
        if (!data.consumeBoolean()) {
            return mutateFile(seed, data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int target = data.consumeInt(0, 30);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(seed)); ZipOutputStream zip = new ZipOutputStream(out)) {
            int i = 0;
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry(), i++) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(i == target ? splice(content, data) : content);
            }
        }
        return out.toByteArray();
    }

    /** The seed with the fuzzer's next bytes replacing a stretch of it at an offset the fuzzer picks. */
    private static byte[] splice(byte[] seed, FuzzedDataProvider data) {
        int at = data.consumeInt(0, seed.length);
        int cut = data.consumeInt(0, Math.min(64, seed.length - at));
        byte[] insert = data.consumeBytes(data.consumeInt(0, 256));
        byte[] result = new byte[seed.length - cut + insert.length];
        System.arraycopy(seed, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(seed, at + cut, result, at + insert.length, seed.length - at - cut);
        return result;
    }
}
