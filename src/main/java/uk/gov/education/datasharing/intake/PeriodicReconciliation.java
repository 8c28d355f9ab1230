package uk.gov.education.datasharing.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.metrics.IntakeMetrics;

/**
 * The gateway reconciling its mailbox with its case index on a timer (intake.reconcile.*), so that a discrepancy
 * becomes a metric and an alert, not something found by chance. Logs the count and each discrepancy by short
 * hash and folder; a run that cannot read the mailbox or the database leaves the last result and says why by class.
 */
final class PeriodicReconciliation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("reconcile");

    private final GatewayConfig.Reconcile settings;
    private final MailboxReconciler reconciler;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private ScheduledExecutorService timer;

    PeriodicReconciliation(GatewayConfig.Reconcile settings, MailboxReconciler reconciler, IntakeMetrics metrics, Clock clock) {
        this.settings = settings;
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.clock = clock;
    }

    synchronized void start() {
        if (settings.interval().isZero() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reconcile");
            t.setDaemon(true);
            return t;
        });
        long seconds = settings.interval().toSeconds();
        timer.scheduleWithFixedDelay(this::runOnce, seconds, seconds, TimeUnit.SECONDS);
    }

    void runOnce() {
        Instant now = clock.instant();
        try {
            MailboxReconciler.Report report = reconciler.reconcile(now.minus(settings.window()), now.minus(settings.settle()));
            metrics.reconciled(report.result().discrepancies().size());
            if (report.result().clean()) {
                LOG.info("reconciled: {} finished, {} waiting, no discrepancies", report.result().finished(), report.result().waiting());
            } else {
                LOG.warn("RECONCILE_DISCREPANCY: {} found", report.result().discrepancies().size());
                report.result().discrepancies().forEach(d -> LOG.warn("RECONCILE_DISCREPANCY {}", d));
            }
        } catch (Exception e) {
            LOG.warn("reconciliation could not run ({})", e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
