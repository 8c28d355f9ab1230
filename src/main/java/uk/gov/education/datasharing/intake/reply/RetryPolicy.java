package uk.gov.education.datasharing.intake.reply;

import java.time.Duration;
import java.time.Instant;

/** Exponential back-off for sending replies: first retry after {@code initial}, doubling, capped at {@code max}. */
public record RetryPolicy(Duration initial, Duration max) {

    public Instant nextAttempt(Instant now, int failedAttempts) {
        int exponent = Math.min(Math.max(failedAttempts - 1, 0), 20);
        Duration delay = initial.multipliedBy(1L << exponent);
        return now.plus(delay.compareTo(max) > 0 ? max : delay);
    }
}
