package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the code inside one iteration needs to know about it: when it was due, when it started,
 * and which error responses no check has accepted yet. One per run; each worker thread sees its own.
 */
public final class IterationContext {

    private final ThreadLocal<Current> current = ThreadLocal.withInitial(Current::new);

    /**
     * Marks the start of an iteration on this thread.
     *
     * @param intendedNanos when it was due
     * @param startedNanos when it started
     */
    public void begin(long intendedNanos, long startedNanos) {
        Current iteration = current.get();
        iteration.intendedNanos = intendedNanos;
        iteration.startedNanos = startedNanos;
        iteration.unaccepted = null;
        iteration.reachedService = false;
        iteration.active = true;
    }

    /** Notes that a request of this thread's iteration reached the service: its time is the service's. */
    public void reachedService() {
        current.get().reachedService = true;
    }

    /**
     * Whether a request of this thread's iteration reached the service, so the iteration has a
     * latency even if it then ended in a failure that by itself has none.
     */
    public boolean hasReachedService() {
        return current.get().reachedService;
    }

    /**
     * Ends the iteration on this thread.
     *
     * @return the first error status no check accepted, if any
     */
    public Optional<UnacceptedStatus> end() {
        Current iteration = current.get();
        iteration.active = false;
        @Nullable List<UnacceptedStatus> unaccepted = iteration.unaccepted;
        iteration.unaccepted = null;
        if (unaccepted == null) {
            return Optional.empty();
        }
        return unaccepted.stream().filter(status -> !status.accepted).findFirst();
    }

    /** Whether this thread is running an iteration. */
    public boolean isActive() {
        return current.get().active;
    }

    /** When this thread's iteration was due; meaningful only while {@link #isActive()}. */
    public long intendedNanos() {
        return current.get().intendedNanos;
    }

    /** How late this thread's iteration started against its intended start; zero outside an iteration. */
    public long startDelayNanos() {
        Current iteration = current.get();
        return iteration.active ? Math.max(0, iteration.startedNanos - iteration.intendedNanos) : 0;
    }

    /**
     * Notes an error status that fails the iteration unless a check accepts it.
     *
     * @param outcome {@link Outcome#HTTP_4XX} or {@link Outcome#HTTP_5XX}
     * @param message for the error samples
     * @param onAccept run when a check accepts the status
     * @return a handle a check uses to accept the status
     */
    public UnacceptedStatus errorStatus(Outcome outcome, String message, Runnable onAccept) {
        UnacceptedStatus status = new UnacceptedStatus(outcome, message, onAccept);
        Current iteration = current.get();
        if (iteration.active) {
            if (iteration.unaccepted == null) {
                iteration.unaccepted = new ArrayList<>(2);
            }
            iteration.unaccepted.add(status);
        }
        return status;
    }

    /** An error status waiting for a check to accept it. */
    public static final class UnacceptedStatus {
        private final Outcome outcome;
        private final String message;
        private final Runnable onAccept;
        private volatile boolean accepted;

        UnacceptedStatus(Outcome outcome, String message, Runnable onAccept) {
            this.outcome = outcome;
            this.message = message;
            this.onAccept = onAccept;
        }

        /** A check expected this status; it no longer fails the iteration. */
        public void accept() {
            if (!accepted) {
                accepted = true;
                onAccept.run();
            }
        }

        /** The failure class. */
        public Outcome outcome() {
            return outcome;
        }

        /** What was received. */
        public String message() {
            return message;
        }
    }

    private static final class Current {
        long intendedNanos;
        long startedNanos;
        boolean active;
        boolean reachedService;

        @Nullable
        List<UnacceptedStatus> unaccepted;
    }
}
