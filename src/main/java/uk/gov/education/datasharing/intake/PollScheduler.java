package uk.gov.education.datasharing.intake;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the intake route polls the mailbox: at once when {@link #wake()} is called (IMAP IDLE saw new mail), and
 * otherwise every {@code delayMs} as before, so a lost IDLE connection only makes replies slower, never stops them.
 * One poll at a time, on one thread of its own; a wake during a poll makes the next poll start right after it.
 */
final class PollScheduler extends ServiceSupport implements ScheduledPollConsumerScheduler {

    private static final Logger LOG = LoggerFactory.getLogger("intake");

    private final long initialDelayMs;
    private final long delayMs;
    private final Semaphore wakes = new Semaphore(0);
    private CamelContext camelContext;
    private volatile Runnable task;
    private volatile boolean running;
    private Thread thread;

    private final java.util.function.BooleanSupplier mayPoll;

    private final String threadName;

    /**
     * @param mayPoll    asked before each poll: false while another instance holds the mailbox lease
     * @param threadName the polling thread's name, one per mailbox consumer (intake-poll-1, ...)
     */
    PollScheduler(long initialDelayMs, long delayMs, java.util.function.BooleanSupplier mayPoll, String threadName) {
        this.threadName = threadName;
        this.initialDelayMs = initialDelayMs;
        this.delayMs = delayMs;
        this.mayPoll = mayPoll;
    }

    /** New mail: poll now (or right after the poll under way). */
    void wake() {
        if (wakes.availablePermits() == 0) {
            wakes.release();
        }
    }

    @Override
    public void onInit(Consumer consumer) {
        // nothing to prepare: the consumer hands its poll over in scheduleTask
    }

    @Override
    public void scheduleTask(Runnable task) {
        this.task = task;
    }

    @Override
    public void unscheduleTask() {
        this.task = null;
    }

    @Override
    public synchronized void startScheduler() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean isSchedulerStarted() {
        return running;
    }

    private void loop() {
        long wait = initialDelayMs;
        while (running) {
            try {
                wakes.tryAcquire(wait, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = delayMs;
            wakes.drainPermits();
            Runnable poll = task;
            if (running && poll != null && mayPoll.getAsBoolean()) {
                try {
                    poll.run();
                } catch (RuntimeException e) {
                    LOG.warn("mailbox poll failed: {}", e.getClass().getSimpleName());
                }
            }
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(30_000);
            thread = null;
        }
    }

    @Override
    protected void doShutdown() throws Exception {
        doStop();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
