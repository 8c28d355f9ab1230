package uk.gov.education.datasharing.intake.command;


import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.Requires;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our templates in the real LibreOffice (skipped where it is not installed): they open and convert, and an
 * example submission re-saved by LibreOffice as .docx and .xlsx still validates.
 */
class LibreOfficeCompatibilityIT {

    @TempDir
    Path dir;

    static boolean installed() {
        try {
            Process p = new ProcessBuilder("soffice", "--version").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static void convert(Path file, String format, Path out) throws Exception {
        Process p = new ProcessBuilder("soffice", "--headless", "-env:UserInstallation=file://" + out.resolveSibling("lo-profile").toAbsolutePath(),
                "--convert-to", format, "--outdir", out.toString(), file.toString()).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling("soffice.log").toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("soffice finished").isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void anExampleResavedByLibreOfficeStillValidates() throws Exception {
        Requires.present(installed(), "LibreOffice (soffice)");
        assertThat(IntakeGateway.commandLine().execute("templates", dir.resolve("t").toString(), "--examples")).isZero();
        Path example = dir.resolve("t/examples/srs-npd");
        Path resaved = Files.createDirectories(dir.resolve("resaved"));
        convert(example.resolve("application-form.docx"), "docx", resaved);
        convert(example.resolve("npd-data-tables.xlsx"), "xlsx", resaved);
        Path pdfs = Files.createDirectories(dir.resolve("pdf"));
        convert(dir.resolve("t/application-form.docx"), "pdf", pdfs);
        assertThat(Files.size(pdfs.resolve("application-form.pdf"))).isPositive();

        List<String> args = new ArrayList<>(List.of("validate", resaved.resolve("application-form.docx").toString(),
                resaved.resolve("npd-data-tables.xlsx").toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cli = IntakeGateway.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
        ((ValidateCommand) parsed.subcommand().commandSpec().userObject()).out = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = cli.getExecutionStrategy().execute(parsed);
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }
}
