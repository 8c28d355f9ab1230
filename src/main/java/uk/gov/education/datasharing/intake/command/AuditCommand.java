package uk.gov.education.datasharing.intake.command;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.store.AuditLog;
import uk.gov.education.datasharing.intake.store.Database;

/** {@code audit verify}: walks the workspace's hash-chained audit trail and names the first link that does not hold. */
@Command(name = "audit", description = "The workspace's audit trail.", subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("usage: audit verify [--config FILE]");
        return IntakeGateway.CANNOT_START;
    }

    @Command(name = "verify", description = "Check every audit row's hash and its link to the row before; exit 1 naming the first broken one.")
    static final class Verify implements Callable<Integer> {

        @Mixin
        IntakeGateway.ConfigOptions config;

        @Override
        public Integer call() throws Exception {
            AuditLog.Verdict verdict;
            try (Database db = Gateway.openDatabase(GatewayConfig.db(config.settings()))) {
                verdict = db.inTransaction(new AuditLog()::verify);
            }
            if (verdict.intact()) {
                System.out.println("Audit trail intact: " + verdict.checked() + (verdict.checked() == 1 ? " row" : " rows") + " checked.");
                return 0;
            }
            long held = verdict.checked();
            System.out.println("Audit trail BROKEN at row " + verdict.firstBroken().orElseThrow() + ": " + verdict.problem()
                    + " (" + held + (held == 1 ? " row before it holds)." : " rows before it hold)."));
            return 1;
        }
    }
}
