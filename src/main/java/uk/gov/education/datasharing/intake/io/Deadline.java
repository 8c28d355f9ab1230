package uk.gov.education.datasharing.intake.io;

import java.time.Duration;

/**
 * The time one message may take, enforced where the work runs: every read and write of a spool (message or
 * file), every read of inflated bytes and every MIME part checks it, and past it throws {@link Exceeded}
 * (parsers pull their input through those reads in small chunks, so they stop within one chunk's work). The deadline
 * belongs to the thread doing the message's work ({@link #start}); outside a scope nothing is checked.
 * Checking costs one clock read.
 */
public final class Deadline {

    private static final ThreadLocal<long[]> CURRENT = new ThreadLocal<>();

    private Deadline() {
    }

    /** Starts this thread's deadline; close the scope when the work is done (also when it failed). */
    public static Scope start(Duration limit) {
        long[] at = {System.nanoTime() + limit.toNanos()};
        CURRENT.set(at);
        return new Scope(at);
    }

    /** Throws {@link Exceeded} once this thread's deadline has passed. */
    public static void check() {
        long[] at = CURRENT.get();
        if (at != null && System.nanoTime() - at[0] > 0) {
            throw new Exceeded();
        }
    }

    /** Whether a failure was, at bottom, the deadline (parsers wrap what they catch). */
    public static boolean exceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Exceeded) {
                return true;
            }
        }
        return false;
    }

    /** One message's deadline on this thread. */
    public static final class Scope implements AutoCloseable {
        private final long[] at;

        private Scope(long[] at) {
            this.at = at;
        }

        /** Whether the deadline has passed: anything read since may be incomplete, so its result is not used. */
        public boolean passed() {
            return System.nanoTime() - at[0] > 0;
        }

        @Override
        public void close() {
            if (CURRENT.get() == at) {
                CURRENT.remove();
            }
        }
    }

    /** Unchecked and without a message, so it passes through parsers and quotes nothing. */
    public static final class Exceeded extends RuntimeException {
        Exceeded() {
            super("the message's time limit has passed", null, false, false);
        }
    }
}
