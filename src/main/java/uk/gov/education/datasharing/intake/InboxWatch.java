package uk.gov.education.datasharing.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.metrics.IntakeMetrics;

/**
 * How many messages wait in INBOX and since when the oldest has waited (its arrival time on the server), read
 * with a login of its own at most every 15 seconds, however often it is asked. An unreadable mailbox reads as
 * unknown; the polls' own metrics and readiness say why.
 */
final class InboxWatch implements IntakeMetrics.Inbox {

    private static final Duration READ_EVERY = Duration.ofSeconds(15);

    private final GatewayConfig config;
    private final Clock clock;
    private Instant readAt;
    private IntakeMetrics.InboxState last = IntakeMetrics.InboxState.UNKNOWN;

    private final MailCredentials credentials;

    InboxWatch(GatewayConfig config, MailCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public synchronized IntakeMetrics.InboxState state() {
        Instant now = clock.instant();
        if (readAt == null || readAt.plus(READ_EVERY).isBefore(now)) {
            last = read();
            readAt = now;
        }
        return last;
    }

    private IntakeMetrics.InboxState read() {
        try (Store store = MailboxLogin.open(config, credentials)) {
            Folder inbox = store.getFolder(config.imap().folder());
            inbox.open(Folder.READ_ONLY);
            try {
                int count = inbox.getMessageCount();
                Instant oldest = null;
                if (count > 0) {
                    Message first = inbox.getMessage(1); // the lowest sequence number arrived first
                    Date received = first.getReceivedDate();
                    oldest = received == null ? null : received.toInstant();
                }
                return new IntakeMetrics.InboxState(count, oldest);
            } finally {
                inbox.close(false);
            }
        } catch (Exception e) {
            return IntakeMetrics.InboxState.UNKNOWN;
        }
    }
}
