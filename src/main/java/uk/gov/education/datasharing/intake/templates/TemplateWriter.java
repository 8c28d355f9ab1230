package uk.gov.education.datasharing.intake.templates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import uk.gov.education.datasharing.intake.schema.Catalogue;
import uk.gov.education.datasharing.intake.schema.Schemas;

/** Writes the blank templates, and the example submissions (one folder each), from the schemas. */
public final class TemplateWriter {

    private final Schemas schemas;
    private final FormTemplate forms = new FormTemplate();
    private final TableTemplate tables = new TableTemplate();

    public TemplateWriter(Schemas schemas) {
        this.schemas = schemas;
    }

    /** The blank templates; returns the files written. */
    public List<Path> templates(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        written.add(write(dir.resolve("application-form.docx"), forms.write(schemas.applicationForm(), Map.of())));
        written.add(write(dir.resolve("information-security-questionnaire.docx"), forms.write(schemas.questionnaire(), Map.of())));
        for (String source : List.of("NPD", "ILR", "HE", "SWC")) {
            Catalogue catalogue = schemas.catalogue(source).orElse(source.equals("NPD") ? Examples.EXAMPLE_NPD : null);
            if (catalogue != null) {
                String name = source.toLowerCase(java.util.Locale.ROOT) + "-data-tables.xlsx";
                written.add(write(dir.resolve(name), tables.write(catalogue, schemas.dataTables(), Map.of())));
            }
        }
        return written;
    }

    /** Complete example submissions, each in its own folder, that {@code validate} accepts on the day written. */
    public List<Path> examples(Path dir, LocalDate today) throws IOException {
        Catalogue npd = schemas.catalogue("NPD").orElse(Examples.EXAMPLE_NPD);
        List<Path> written = new ArrayList<>();
        Path srs = Files.createDirectories(dir.resolve("srs-npd"));
        written.add(write(srs.resolve("application-form.docx"), forms.write(schemas.applicationForm(), Examples.srsApplication(today))));
        written.add(write(srs.resolve("npd-data-tables.xlsx"), tables.write(npd, schemas.dataTables(),
                requests(npd, "KS4_ATT8", "EthnicGroupMajor"))));
        Path direct = Files.createDirectories(dir.resolve("direct-supply"));
        written.add(write(direct.resolve("application-form.docx"),
                forms.write(schemas.applicationForm(), Examples.directSupplyApplication(today))));
        written.add(write(direct.resolve("information-security-questionnaire.docx"),
                forms.write(schemas.questionnaire(), Examples.questionnaire())));
        written.add(write(direct.resolve("npd-data-tables.xlsx"), tables.write(npd, schemas.dataTables(),
                requests(npd, "UPN", "KS4_ATT8", "EthnicGroupMajor"))));
        written.add(write(direct.resolve("background-checks.pdf"), Examples.pdf("Evidence of background checks",
                "Baseline Personnel Security Standard (BPSS) verification for the three staff who will handle the data.")));
        written.add(write(direct.resolve("data-sharing-agreement.pdf"), Examples.pdf("Data sharing agreement",
                "Between Example County Council and Example Analytics Ltd.")));
        return written;
    }

    /** All available years for the named items the catalogue has. */
    private static Map<String, String> requests(Catalogue catalogue, String... aliases) {
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        for (String alias : aliases) {
            catalogue.item(alias).ifPresent(item -> requests.put(item.alias(), "All available"));
        }
        return requests;
    }

    private static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }
}
