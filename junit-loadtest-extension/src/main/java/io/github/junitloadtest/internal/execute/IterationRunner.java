package io.github.junitloadtest.internal.execute;

import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.IterationContext.UnacceptedStatus;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.record.OutcomeClassifier;
import io.github.junitloadtest.internal.schedule.NanoClock;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Runs one iteration on the calling worker and records it exactly once, whatever the body does. */
final class IterationRunner {

    private final NanoClock clock;
    private final LatencyRecorder recorder;
    private final IterationContext context;
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();

    IterationRunner(NanoClock clock, LatencyRecorder recorder, IterationContext context) {
        this.clock = clock;
        this.recorder = recorder;
        this.context = context;
    }

    /** A configuration error raised inside an iteration, which stops the run. */
    Optional<RuntimeException> fatal() {
        return Optional.ofNullable(fatal.get());
    }

    boolean hasFailedFatally() {
        return fatal.get() != null;
    }

    /** Runs an iteration that was due at {@code intendedNanos} and starts now. */
    void run(long intendedNanos, IterationBody body) {
        run(intendedNanos, clock.nanoTime(), body);
    }

    /** Runs an iteration whose start time is already read, such as a closed model's, due when it starts. */
    void run(long intendedNanos, long started, IterationBody body) {
        context.begin(intendedNanos, started);
        Throwable failure = null;
        try {
            body.run();
        } catch (Throwable thrown) {
            failure = unwrap(thrown);
        }
        boolean reachedService = context.hasReachedService();
        Optional<UnacceptedStatus> unaccepted = context.end();
        long done = clock.nanoTime();
        if (failure instanceof ExtensionConfigurationException configurationError) {
            fatal.compareAndSet(null, configurationError);
        }
        if (failure != null) {
            Outcome outcome = OutcomeClassifier.classify(failure);
            // A slow first request is the service's time even when a later one could not connect.
            recorder.recordIteration(
                    intendedNanos, started, done, outcome, failure, outcome.hasLatency() || reachedService);
        } else if (unaccepted.isPresent()) {
            recorder.recordUnacceptedStatus(
                    intendedNanos,
                    started,
                    done,
                    unaccepted.get().outcome(),
                    unaccepted.get().message());
        } else {
            recorder.recordIteration(intendedNanos, started, done, Outcome.SUCCESS, null);
        }
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable failure = thrown;
        while (failure instanceof InvocationTargetException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
