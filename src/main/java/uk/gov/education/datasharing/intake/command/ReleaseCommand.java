package uk.gov.education.datasharing.intake.command;

import java.time.Instant;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.store.CaseActions;
import uk.gov.education.datasharing.intake.store.Database;

/**
 * {@code release}: the team's decision that a quarantined case may go on. Only this clears a quarantine (a
 * later clean email from the applicant does not); the case is open again with its newest version's outcome,
 * and who released it, why and when is recorded with the case.
 */
@Command(name = "release", description = "Release a quarantined case after the team has checked it; recorded with who and why.")
final class ReleaseCommand implements Callable<Integer> {

    @Mixin
    IntakeGateway.ConfigOptions config;

    @Parameters(index = "0", description = "The quarantined case's reference.")
    String reference;

    @Option(names = "--reason", required = true, description = "Why the case may go on (recorded with the case).")
    String reason;

    @Option(names = "--by", description = "Who releases it (default: the signed-in user).")
    String by;

    @Override
    public Integer call() throws Exception {
        if (reason.isBlank()) {
            System.err.println("error: --reason must say why the case may go on");
            return IntakeGateway.CANNOT_START;
        }
        String actor = by == null || by.isBlank() ? System.getProperty("user.name", "unknown") : by.strip();
        boolean released;
        try (Database db = Gateway.openDatabase(GatewayConfig.db(config.settings()))) {
            released = db.inTransaction(c -> new CaseActions().release(c, reference, actor, reason.strip(), Instant.now()));
        }
        if (!released) {
            System.err.println("error: " + reference + " is not a quarantined case");
            return 1;
        }
        System.out.println("Released " + reference + " (by " + actor + "): it is open again; the release is recorded with the case.");
        return 0;
    }
}
