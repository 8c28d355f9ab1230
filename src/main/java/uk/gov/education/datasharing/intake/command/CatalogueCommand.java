package uk.gov.education.datasharing.intake.command;

import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.schema.Catalogue;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.validate.DataTableReader;
import uk.gov.education.datasharing.intake.validate.DataTables;

/** Builds a source's catalogue in schemas/catalogues/ from the publisher's data-table workbook. */
@Command(name = "catalogue", description = "Manage the data-item catalogues in schemas/catalogues/.",
        subcommands = CatalogueCommand.Import.class)
final class CatalogueCommand {

    @Command(name = "import", description = "Build SOURCE's catalogue from the publisher's data tables (e.g. catalogue import npd NPD_tables.xlsx).")
    static final class Import implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SOURCE", description = "npd, ilr, he or swc")
        String source;

        @Parameters(index = "1", paramLabel = "WORKBOOK", description = "The published data tables (.xlsx).")
        Path workbook;

        @Option(names = "--schemas", defaultValue = "schemas", description = "The schemas folder (default: ${DEFAULT-VALUE}).")
        Path schemasDir;

        @Option(names = "--edition", description = "What to call this edition (default: the workbook's file name).")
        String edition;

        @Override
        public Integer call() throws Exception {
            String key = source.toUpperCase(Locale.ROOT);
            if (!List.of("NPD", "ILR", "HE", "SWC").contains(key)) {
                System.err.println("SOURCE must be one of npd, ilr, he, swc");
                return 2;
            }
            Schemas schemas = Gateway.schemasOrReport(schemasDir);
            if (schemas == null) {
                return 2;
            }
            if (!Files.isReadable(workbook)) {
                System.err.println("cannot read " + workbook);
                return 2;
            }
            DataTables rows;
            try (SeekableByteChannel channel = Files.newByteChannel(workbook)) {
                rows = new DataTableReader(schemas.dataTables(), 500_000).readAll(workbook.getFileName().toString(), channel);
            }
            Map<String, Catalogue.Item> items = new LinkedHashMap<>();
            int unclassified = 0;
            for (DataTables.RequestedItem row : rows.requested()) {
                String alias = row.alias().strip();
                int identifiability = leadingDigit(row.identifiability());
                if (alias.isEmpty() || alias.chars().anyMatch(Character::isWhitespace) || items.containsKey(alias.toLowerCase(Locale.ROOT))) {
                    continue; // aliases have no spaces: "Table C" is a sub-table's title
                }
                if (identifiability == 0) {
                    unclassified++;
                }
                items.put(alias.toLowerCase(Locale.ROOT), new Catalogue.Item(alias, datasetOf(row.sheet()), identifiability,
                        row.sensitivity().strip().isEmpty() ? "" : row.sensitivity().strip().substring(0, 1).toUpperCase(Locale.ROOT),
                        row.yearsPopulated().strip()));
            }
            if (items.isEmpty()) {
                System.err.println("no data items found in " + workbook + " (no header row matching " + schemas.dataTables().aliasHeader() + ")");
                return 1;
            }
            Catalogue catalogue = new Catalogue(key, edition == null ? workbook.getFileName().toString() : edition, new ArrayList<>(items.values()));
            Path target = schemasDir.resolve(Schemas.CATALOGUES).resolve(key.toLowerCase(Locale.ROOT) + ".yaml");
            Files.createDirectories(target.getParent());
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                    .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
            Files.writeString(target, "# Imported from " + workbook.getFileName() + " by `gateway catalogue import`.\n"
                    + yaml.writeValueAsString(catalogue));
            Schemas.load(schemasDir);
            System.out.println("wrote " + target + ": " + items.size() + " items"
                    + (unclassified > 0 ? " (" + unclassified + " without an identifiability level)" : ""));
            return 0;
        }

        private static int leadingDigit(String value) {
            String v = value.strip();
            return !v.isEmpty() && Character.isDigit(v.charAt(0)) ? v.charAt(0) - '0' : 0;
        }

        /** The dataset part of a sheet name: "SC_Pupil_01-02_to_17-18_SUM" is SC_Pupil. */
        private static String datasetOf(String sheet) {
            return sheet.replaceFirst("_\\d{2}-\\d{2}.*$", "");
        }
    }
}
