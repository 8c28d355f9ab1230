package uk.gov.education.datasharing.intake;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.config.GatewayConfig;

/**
 * Learns of new mail without polling: a login of its own holds the polled folder open in IMAP IDLE (RFC 2177) and
 * wakes the intake route's {@link PollScheduler} when messages arrive. IDLE is renewed every 10 minutes (servers drop
 * it after 29). A server without IDLE, or a lost connection, leaves the route's timed polls to do the work; the
 * connection is tried again with back-off up to a minute.
 */
final class MailboxIdle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("intake");
    private static final Duration RENEW = Duration.ofMinutes(10);

    private final GatewayConfig config;
    private final Runnable onNewMail;
    private final ScheduledExecutorService renew = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "imap-idle-renew");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;
    private volatile Store store;
    private volatile IMAPFolder folder;
    private Thread thread;

    private final MailCredentials credentials;

    MailboxIdle(GatewayConfig config, MailCredentials credentials, Runnable onNewMail) {
        this.credentials = credentials;
        this.config = config;
        this.onNewMail = onNewMail;
    }

    void start() {
        thread = new Thread(this::run, "imap-idle");
        thread.setDaemon(true);
        thread.start();
        renew.scheduleWithFixedDelay(this::renewIdle, RENEW.toMillis(), RENEW.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        long backoffMs = 1_000;
        while (running) {
            try {
                if (!idleUntilLost()) {
                    return; // the server has no IDLE: timed polls only
                }
                backoffMs = 1_000;
            } catch (MessagingException | IllegalStateException e) {
                if (!running) {
                    return;
                }
                LOG.warn("IMAP IDLE connection lost ({}); the mailbox is polled every intake.imap.poll-delay-ms meanwhile, reconnecting in {} s",
                        e.getClass().getSimpleName(), backoffMs / 1000);
            } finally {
                closeQuietly();
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoffMs = Math.min(backoffMs * 2, 60_000);
        }
    }

    /** Idles until the connection is lost (throws) or the gateway stops; false when the server cannot IDLE. */
    private boolean idleUntilLost() throws MessagingException {
        Store opened = MailboxLogin.open(config, credentials);
        store = opened;
        if (!(opened instanceof IMAPStore imap) || !imap.hasCapability("IDLE")) {
            LOG.info("the IMAP server does not offer IDLE: the mailbox is polled every intake.imap.poll-delay-ms");
            return false;
        }
        IMAPFolder watched = (IMAPFolder) opened.getFolder(config.imap().folder());
        watched.open(Folder.READ_ONLY);
        folder = watched;
        watched.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                onNewMail.run();
            }
        });
        onNewMail.run(); // anything that arrived while we were connecting
        while (running) {
            watched.idle(true);
        }
        return true;
    }

    /** Any command on the folder ends the IDLE under way; the loop then starts a fresh one. */
    private void renewIdle() {
        IMAPFolder f = folder;
        if (f != null && f.isOpen()) {
            try {
                f.getMessageCount();
            } catch (MessagingException | IllegalStateException e) {
                LOG.debug("IDLE renewal failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private void closeQuietly() {
        IMAPFolder f = folder;
        folder = null;
        Store s = store;
        store = null;
        try {
            if (f != null && f.isOpen()) {
                f.close(false);
            }
        } catch (MessagingException | IllegalStateException e) {
            LOG.debug("closing the IDLE folder: {}", e.getClass().getSimpleName());
        }
        try {
            if (s != null) {
                s.close();
            }
        } catch (MessagingException e) {
            LOG.debug("closing the IDLE login: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        running = false;
        renew.shutdownNow();
        closeQuietly();
        if (thread != null) {
            thread.interrupt();
        }
    }
}
