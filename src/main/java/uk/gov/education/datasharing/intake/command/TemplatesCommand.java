package uk.gov.education.datasharing.intake.command;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.templates.TemplateWriter;

/** Writes the blank Word and Excel templates generated from schemas/, and with --examples complete example submissions. */
@Command(name = "templates", description = "Write the blank templates generated from the schemas (and, with --examples, example submissions).")
final class TemplatesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write into.")
    Path dir;

    @Option(names = "--examples", description = "Also write complete example submissions, one folder each.")
    boolean examples;

    @Option(names = "--schemas", defaultValue = "schemas", description = "The schemas folder (default: ${DEFAULT-VALUE}).")
    Path schemasDir;

    @Override
    public Integer call() throws Exception {
        Schemas schemas = Gateway.schemasOrReport(schemasDir);
        if (schemas == null) {
            return 2;
        }
        TemplateWriter writer = new TemplateWriter(schemas);
        List<Path> written = new java.util.ArrayList<>(writer.templates(dir));
        if (examples) {
            written.addAll(writer.examples(dir.resolve("examples"), LocalDate.now()));
        }
        written.forEach(p -> System.out.println("wrote " + p));
        return 0;
    }
}
