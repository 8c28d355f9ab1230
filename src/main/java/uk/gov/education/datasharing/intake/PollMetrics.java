package uk.gov.education.datasharing.intake;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.metrics.IntakeMetrics;

/**
 * The mailbox consumer's poll strategy: records each successful poll (also one that found nothing) and each failed
 * one for the metrics, and logs a failure by exception class only (Camel's default logs the message, which can
 * name the server's answer).
 */
public final class PollMetrics implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger("intake");

    private final IntakeMetrics metrics;

    public PollMetrics(IntakeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        metrics.polled();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        metrics.pollFailed();
        LOG.warn("POLL_FAILED: the mailbox could not be polled ({}); trying again at the next poll", cause.getClass().getSimpleName());
        return false;
    }
}
