package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import jakarta.mail.MessagingException;

/**
 * How long each stage takes, over every message since start-up: count, total and longest, per stage. The
 * orchestrator times each step through {@link #time}; inspection is timed per file inside extraction, so
 * {@code extract} includes {@code inspect}. Thread-safe; read by {@link #snapshot()} (metrics, logs, tests).
 */
public final class StageTimings {

    /** One stage's totals. */
    public record Summary(long count, long totalNanos, long maxNanos) {
    }

    /** Told of every timing as it is recorded (the metrics' histograms). */
    @FunctionalInterface
    public interface Observer {
        void observed(Stage stage, long nanos);

        Observer NONE = (stage, nanos) -> {
        };
    }

    /** A stage's work; its checked exceptions pass through. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException, MessagingException, SQLException;
    }

    private final Map<Stage, LongAdder> counts = new EnumMap<>(Stage.class);
    private final Map<Stage, LongAdder> totals = new EnumMap<>(Stage.class);
    private final Map<Stage, LongAccumulator> maxima = new EnumMap<>(Stage.class);

    private final Observer observer;

    public StageTimings() {
        this(Observer.NONE);
    }

    public StageTimings(Observer observer) {
        this.observer = observer;
        for (Stage stage : Stage.values()) {
            counts.put(stage, new LongAdder());
            totals.put(stage, new LongAdder());
            maxima.put(stage, new LongAccumulator(Math::max, 0));
        }
    }

    public <T> T time(Stage stage, Work<T> work) throws IOException, MessagingException, SQLException {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            record(stage, System.nanoTime() - start);
        }
    }

    public void record(Stage stage, long nanos) {
        counts.get(stage).increment();
        totals.get(stage).add(nanos);
        maxima.get(stage).accumulate(nanos);
        observer.observed(stage, nanos);
    }

    public Map<Stage, Summary> snapshot() {
        Map<Stage, Summary> snapshot = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            snapshot.put(stage, new Summary(counts.get(stage).sum(), totals.get(stage).sum(), maxima.get(stage).get()));
        }
        return snapshot;
    }
}
