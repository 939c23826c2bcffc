package io.github.junitloadtest.internal.execute;

import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.IterationContext.UnacceptedStatus;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.record.OutcomeClassifier;
import io.github.junitloadtest.internal.schedule.ArrivalSchedule;
import io.github.junitloadtest.internal.schedule.NanoClock;
import io.github.junitloadtest.internal.schedule.Pacer;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Starts one iteration per arrival at its intended time, on the calling thread's schedule, and
 * records each when it ends.
 *
 * <p>The calling thread is the scheduler: it sleeps until each arrival is due and hands the
 * iteration to a worker. The schedule never waits for iterations; when every worker is busy, the
 * arrival waits for one (it is late, and its latency still counts from its intended start), and
 * later arrivals follow as soon as workers free up, so the run catches up rather than drifting.
 * Interrupting the calling thread stops the run: nothing more is scheduled and running iterations
 * are cancelled.
 */
public final class IterationDispatcher {

    /** How long after the schedule's end late arrivals may still start before they are dropped. */
    static final Duration LATE_START_GRACE = Duration.ofSeconds(1);

    /**
     * How much longer than the request timeout running iterations may take after the last arrival
     * before they are cancelled, so that a request at its timeout ends as a timeout, not as cancelled.
     */
    static final Duration DRAIN_MARGIN = Duration.ofSeconds(1);

    /** How long cancelled iterations get to finish after being interrupted. */
    static final Duration CANCEL_GRACE = Duration.ofMillis(500);

    private final ArrivalSchedule schedule;
    private final long warmupNanos;
    private final int maxInFlight;
    private final Duration drainTimeout;
    private final NanoClock clock;
    private final Pacer pacer;
    private final Workers workers;
    private final LatencyRecorder recorder;
    private final IterationContext context;
    private final Semaphore permits;
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();

    public IterationDispatcher(ArrivalSchedule schedule, Duration warmup, int maxInFlight, Duration drainTimeout,
            NanoClock clock, Pacer pacer, Workers workers, LatencyRecorder recorder, IterationContext context) {
        this.schedule = schedule;
        this.warmupNanos = warmup.toNanos();
        this.maxInFlight = maxInFlight;
        this.drainTimeout = drainTimeout;
        this.clock = clock;
        this.pacer = pacer;
        this.workers = workers;
        this.recorder = recorder;
        this.context = context;
        this.permits = new Semaphore(maxInFlight);
    }

    /**
     * Runs the whole schedule, then waits for running iterations up to the drain timeout (plus a
     * margin) and cancels the rest.
     *
     * @param body the iteration
     * @return what happened to the arrivals
     */
    public DispatchResult run(IterationBody body) {
        long start = clock.nanoTime();
        recorder.measureFrom(start + warmupNanos);
        long scheduled = schedule.size();
        long warmupArrivals = schedule.countBefore(warmupNanos);
        long lateStartDeadline = start + schedule.lengthNanos() + LATE_START_GRACE.toNanos();
        long sent = 0;
        long late = 0;
        boolean interrupted = false;
        try {
            for (long index = 0; index < scheduled && fatal.get() == null; index++) {
                long intended = start + schedule.intendedStartNanos(index);
                pacer.awaitNanos(intended);
                if (!permits.tryAcquire()) {
                    late++;
                    long wait = lateStartDeadline - clock.nanoTime();
                    if (!permits.tryAcquire(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                        recordDropped(start, index, scheduled);
                        break;
                    }
                }
                try {
                    workers.execute(() -> runIteration(intended, body));
                } catch (RejectedExecutionException handoffInterrupted) {
                    permits.release();
                    Thread.interrupted();
                    throw new InterruptedException("interrupted while handing an iteration to a worker");
                }
                sent++;
            }
        } catch (InterruptedException stopped) {
            interrupted = true;
        }
        int abandoned = interrupted ? cancelRunning() : drain();
        // An interrupt during the drain ends up here as the flag; cleared, so reporting can still write files.
        interrupted |= Thread.interrupted();
        long dropped = fatal.get() == null && !interrupted ? scheduled - sent : 0;
        long unfinished = sent + dropped - recorder.recordedIterations();
        recorder.seal(unfinished);
        long end = clock.nanoTime();
        long measuredSent = Math.max(0, sent - warmupArrivals);
        return new DispatchResult(start, end, scheduled, sent, late, scheduled - warmupArrivals, measuredSent,
                interrupted, abandoned, unfinished, Optional.ofNullable(fatal.get()));
    }

    /**
     * Records the arrivals from {@code first} on as dropped: no worker came free before the run's end.
     * Each waited from its intended start until now, which is what a caller would have felt.
     */
    private void recordDropped(long start, long first, long scheduled) {
        long now = clock.nanoTime();
        for (long index = first; index < scheduled; index++) {
            recorder.recordDropped(start + schedule.intendedStartNanos(index), now);
        }
    }

    private void runIteration(long intendedNanos, IterationBody body) {
        long started = clock.nanoTime();
        context.begin(intendedNanos, started);
        Throwable failure = null;
        try {
            body.run();
        } catch (Throwable thrown) {
            failure = unwrap(thrown);
        }
        Optional<UnacceptedStatus> unaccepted = context.end();
        long done = clock.nanoTime();
        try {
            if (failure instanceof ExtensionConfigurationException configurationError) {
                fatal.compareAndSet(null, configurationError);
            }
            if (failure != null) {
                recorder.recordIteration(intendedNanos, started, done, OutcomeClassifier.classify(failure), failure);
            } else if (unaccepted.isPresent()) {
                recorder.recordIteration(intendedNanos, started, done, unaccepted.get().outcome(), null);
                if (recorder.isMeasured(intendedNanos)) {
                    recorder.recordErrorMessage(unaccepted.get().outcome(), unaccepted.get().message());
                }
            } else {
                recorder.recordIteration(intendedNanos, started, done, Outcome.SUCCESS, null);
            }
        } finally {
            permits.release();
        }
    }

    private int drain() {
        boolean interrupted = false;
        try {
            long limit = drainTimeout.plus(DRAIN_MARGIN).toNanos();
            if (permits.tryAcquire(maxInFlight, limit, TimeUnit.NANOSECONDS)) {
                permits.release(maxInFlight);
                return 0;
            }
        } catch (InterruptedException stopped) {
            interrupted = true;
        }
        int abandoned = cancelRunning();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return abandoned;
    }

    private int cancelRunning() {
        int running = maxInFlight - permits.availablePermits();
        workers.cancel();
        boolean interrupted = Thread.interrupted();
        try {
            workers.awaitTermination(CANCEL_GRACE);
        } catch (InterruptedException again) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return running;
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable failure = thrown;
        while (failure instanceof InvocationTargetException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
