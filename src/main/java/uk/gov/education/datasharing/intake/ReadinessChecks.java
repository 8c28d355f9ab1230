package uk.gov.education.datasharing.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.crypto.TeamPublicKeys;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.metrics.ManagementServer.Check;
import uk.gov.education.datasharing.intake.reply.SmtpTransport;
import uk.gov.education.datasharing.intake.store.Database;

/**
 * What must hold for the gateway to do its work, each checked when readiness is asked: IMAP login, SMTP
 * connection, the database, the store writable, the team keys valid, the schemas loaded, the scanner answering
 * (when one is configured). The mail servers are asked at most every 10 seconds, however often a probe asks.
 */
final class ReadinessChecks {

    private static final Duration MAIL_CHECK_EVERY = Duration.ofSeconds(10);

    private ReadinessChecks() {
    }

    static Map<String, Check> of(GatewayConfig config, MailCredentials credentials, Database db, Path storeDir, TeamPublicKeys keys, Scanner scanner,
                                 SmtpTransport smtp) {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("imap", cached(() -> imapLogin(config, credentials)));
        if (config.oauth() != null) {
            checks.put("mail-token", () -> credentials.problem().orElse(null));
        }
        checks.put("smtp", cached(() -> {
            smtp.check();
            return null;
        }));
        checks.put("database", () -> db.inTransaction(c -> {
            try (var select = c.prepareStatement("select 1")) {
                select.executeQuery().close();
            }
            return null;
        }));
        checks.put("store", () -> {
            Path probe = Files.createTempFile(storeDir, ".ready-", ".tmp");
            Files.delete(probe);
            return null;
        });
        checks.put("team-keys", () -> keys.expiringWithin(Duration.ZERO).isEmpty() ? null : "a team key has expired");
        checks.put("schemas", () -> null); // loaded and checked at start-up, or the gateway would not be running
        if (scanner != Scanner.NONE) {
            checks.put("scanner", () -> scanner.ready() ? null : "the scanner does not answer");
        }
        return checks;
    }

    private static String imapLogin(GatewayConfig config, MailCredentials credentials) throws Exception {
        MailboxLogin.open(config, credentials).close();
        return null;
    }

    /** A check asked at most every MAIL_CHECK_EVERY; between times its last answer stands. */
    private static Check cached(Check check) {
        return new Check() {
            private long checkedAt;
            private String last;

            @Override
            public synchronized String problem() {
                long now = System.nanoTime();
                if (checkedAt == 0 || now - checkedAt > MAIL_CHECK_EVERY.toNanos()) {
                    try {
                        last = check.problem();
                    } catch (Exception e) {
                        last = e.getClass().getSimpleName();
                    }
                    checkedAt = now;
                }
                return last;
            }
        };
    }
}
