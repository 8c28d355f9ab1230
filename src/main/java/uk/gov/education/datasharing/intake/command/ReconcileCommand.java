package uk.gov.education.datasharing.intake.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.MailCredentials;
import uk.gov.education.datasharing.intake.MailboxReconciler;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.metrics.Reconciliation;
import uk.gov.education.datasharing.intake.store.Database;

/**
 * {@code reconcile}: the mailbox folders against the case index. Reads every message in INBOX and the processed,
 * quarantine and ignored folders, names each by its identity (as intake counts messages, docs/adr/0016), and
 * compares with what was recorded. Exit 0 when every message seen is in exactly one final state
 * and one folder and the outcomes add up; 1 with each discrepancy listed (by short hash and folder only).
 */
@Command(name = "reconcile", description = "Compare the mailbox folders with the case index; exit 1 on any discrepancy.")
final class ReconcileCommand implements Callable<Integer> {

    @Mixin
    IntakeGateway.ConfigOptions options;

    @Option(names = "--since", description = "Only messages first seen on or after this day (yyyy-mm-dd, UTC).")
    LocalDate since;

    @Override
    public Integer call() throws Exception {
        GatewayConfig config = GatewayConfig.from(options.settings());
        Instant from = since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant();
        MailboxReconciler.Report report;
        try (Database db = Gateway.openDatabase(config.db())) {
            report = new MailboxReconciler(config, MailCredentials.of(config, java.time.Clock.systemUTC()), db).reconcile(from, null);
        }
        Reconciliation.Result result = report.result();
        System.out.println("seen " + result.finished() + " finished: " + result.totals() + "; waiting in " + config.imap().folder() + ": "
                + result.waiting() + (report.unstored() > 0 ? "; quarantined unstored (over the size limit): " + report.unstored() : ""));
        if (result.clean()) {
            System.out.println("no discrepancies");
            return 0;
        }
        result.discrepancies().forEach(d -> System.out.println("DISCREPANCY " + d));
        return 1;
    }
}
