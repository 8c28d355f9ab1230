package uk.gov.education.datasharing.intake.command;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.MailCredentials;
import uk.gov.education.datasharing.intake.QuarantineReprocessor;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.store.Database;

/**
 * {@code reprocess}: gives a quarantined case's message another run. The attempt counter is reset first,
 * then the message is moved from the quarantine folder back to the polled folder, so the gateway never
 * sees it half-released. Safe to run again if it stopped half-way.
 */
@Command(name = "reprocess", description = "Move a quarantined case's message back to the inbox and process it again.")
final class ReprocessCommand implements Callable<Integer> {

    @Mixin
    IntakeGateway.ConfigOptions config;

    @Parameters(index = "0", description = "The quarantined case's reference.")
    String reference;

    @Override
    public Integer call() throws Exception {
        GatewayConfig gateway = GatewayConfig.from(config.settings());
        QuarantineReprocessor.Result result;
        try (Database db = Gateway.openDatabase(gateway.db())) {
            result = new QuarantineReprocessor(gateway, MailCredentials.of(gateway, java.time.Clock.systemUTC()), db).reprocess(reference);
        }
        if (result.released() == 0) {
            System.err.println("error: " + reference + " has no quarantined message");
            return 1;
        }
        System.out.println("Released " + result.released() + " message(s) of " + reference + "; moved " + result.moved()
                + " from " + gateway.folders().quarantine() + " to " + gateway.imap().folder() + ".");
        if (result.moved() < result.released()) {
            System.out.println("Not found in " + gateway.folders().quarantine() + ": move the rest back to "
                    + gateway.imap().folder() + " with a mail client; the gateway will process them afresh.");
        }
        return 0;
    }
}
