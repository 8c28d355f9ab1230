package uk.gov.education.datasharing.intake.command;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.Sealer;

/** {@code cases}: the case index as a table or JSON. */
@Command(name = "cases", description = "List cases: reference, status, outcome, received, versions, files.")
final class CasesCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Mixin
    IntakeGateway.ConfigOptions config;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--limit", defaultValue = "100", description = "How many cases, newest first.")
    int limit;

    @Override
    public Integer call() throws Exception {
        try (Database db = Gateway.openDatabase(GatewayConfig.db(config.settings()))) {
            List<CaseSummary> cases = db.inTransaction(c -> new Cases(new Sealer(Gateway.requiredStateKey(config.settings()))).list(c, limit));
            System.out.print(json ? json(cases) : table(cases));
        }
        return 0;
    }

    static String json(List<CaseSummary> cases) throws Exception {
        return JsonMapper.builder().addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build().writerWithDefaultPrettyPrinter().writeValueAsString(cases) + System.lineSeparator();
    }

    static String table(List<CaseSummary> cases) {
        StringBuilder out = new StringBuilder();
        String format = "%-14s %-12s %-12s %-17s %8s %6s  %s%n";
        out.append(String.format(format, "REFERENCE", "STATUS", "OUTCOME", "RECEIVED (UTC)", "VERSIONS", "FILES", "FLAGS"));
        for (CaseSummary c : cases) {
            out.append(String.format(format, c.reference(), c.status(), c.outcome(), TIME.format(c.createdAt()), c.versions(),
                    c.files(), String.join(",", c.flags())));
        }
        if (cases.isEmpty()) {
            out.append("(no cases yet)").append(System.lineSeparator());
        }
        return out.toString();
    }
}
