package io.github.junitloadtest.internal.execute;

import io.github.junitloadtest.internal.record.IntervalSnapshot;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.schedule.NanoClock;
import io.github.junitloadtest.internal.schedule.Pacer;
import io.github.junitloadtest.internal.schedule.Schedule;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Starts one iteration per arrival at its intended time, on the calling thread's schedule (open
 * model), and records each when it ends.
 *
 * <p>The calling thread is the scheduler: it sleeps until each arrival is due and hands the
 * iteration to a worker. The schedule never waits for iterations; when every worker is busy, the
 * arrival waits for one (it is late, and its latency still counts from its intended start), and
 * later arrivals follow as soon as workers free up, so the run catches up rather than drifting.
 * Between arrivals it closes each timeline interval when it is over and asks the stop condition every
 * 100 ms.
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

    private final Schedule schedule;
    private final long warmupNanos;
    private final int maxInFlight;
    private final Duration drainTimeout;
    private final NanoClock clock;
    private final Pacer pacer;
    private final Workers workers;
    private final LatencyRecorder recorder;
    private final IterationRunner runner;
    private final Semaphore permits;
    private StopCondition stopCondition = StopCondition.NONE;
    private Consumer<IntervalSnapshot> intervals = interval -> {};
    private long tickNanos = 1_000_000_000L;
    private OptionalLong startNanos = OptionalLong.empty();

    public IterationDispatcher(
            Schedule schedule,
            Duration warmup,
            int maxInFlight,
            Duration drainTimeout,
            NanoClock clock,
            Pacer pacer,
            Workers workers,
            LatencyRecorder recorder,
            IterationContext context) {
        this.schedule = schedule;
        this.warmupNanos = warmup.toNanos();
        this.maxInFlight = maxInFlight;
        this.drainTimeout = drainTimeout;
        this.clock = clock;
        this.pacer = pacer;
        this.workers = workers;
        this.recorder = recorder;
        this.runner = new IterationRunner(clock, recorder, context);
        this.permits = new Semaphore(maxInFlight);
    }

    /** Closes timeline intervals of this length instead of one second. */
    public IterationDispatcher withTimelineInterval(Duration interval) {
        this.tickNanos = interval.toNanos();
        return this;
    }

    /**
     * Starts the schedule at this clock reading instead of at once: {@link #run} waits for it, and
     * when it has passed, sends the arrivals already due at once, each measured from its intended start.
     */
    public IterationDispatcher startingAt(long startNanos) {
        this.startNanos = OptionalLong.of(startNanos);
        return this;
    }

    /** Stops the run early when the condition gives a reason, such as a threshold certain to fail. */
    public IterationDispatcher stoppingWhen(StopCondition condition) {
        this.stopCondition = condition;
        return this;
    }

    /** Hands every interval to the listener as it closes, on the coordinating thread; for progress. */
    public IterationDispatcher reportingIntervalsTo(Consumer<IntervalSnapshot> listener) {
        this.intervals = listener;
        return this;
    }

    /**
     * Runs the whole schedule, then waits for running iterations up to the drain timeout (plus a
     * margin) and cancels the rest.
     *
     * @param body the iteration
     * @return what happened to the arrivals
     */
    public DispatchResult run(IterationBody body) {
        long start = startNanos.orElseGet(clock::nanoTime);
        recorder.start(start, start + warmupNanos);
        Timekeeper timekeeper = new Timekeeper(recorder, stopCondition, intervals, start, tickNanos);
        long scheduled = schedule.size();
        long warmupArrivals = schedule.countBefore(warmupNanos);
        long lateStartDeadline = start + schedule.lengthNanos() + LATE_START_GRACE.toNanos();
        long sent = 0;
        long late = 0;
        boolean interrupted = false;
        boolean droppedRest = false;
        Optional<String> aborted = Optional.empty();
        OptionalLong firstSend = OptionalLong.empty();
        // Only this thread writes them: what was due and what went out in each second of the run.
        SecondCounts due = new SecondCounts();
        SecondCounts handedOver = new SecondCounts();
        try {
            pacer.awaitUntil(start, clock);
            for (long index = 0; index < scheduled && !runner.hasFailedFatally(); index++) {
                long offset = schedule.intendedStartNanos(index);
                long intended = start + offset;
                due.add(offset);
                aborted = waitUntil(timekeeper, intended);
                if (aborted.isPresent()) {
                    break;
                }
                if (!permits.tryAcquire()) {
                    late++;
                    WorkerWait waited = waitForWorker(timekeeper, lateStartDeadline);
                    aborted = waited.abortReason();
                    if (aborted.isPresent()) {
                        break;
                    }
                    if (!waited.gotOne()) {
                        recordDropped(start, index, scheduled);
                        droppedRest = true;
                        break;
                    }
                }
                long handedAt = clock.nanoTime();
                try {
                    workers.execute(() -> {
                        try {
                            runner.run(intended, body);
                        } finally {
                            permits.release();
                        }
                    });
                } catch (RejectedExecutionException handoffInterrupted) {
                    permits.release();
                    Thread.interrupted();
                    throw new InterruptedException("interrupted while handing an iteration to a worker");
                }
                handedOver.add(handedAt - start);
                if (sent++ == 0) {
                    firstSend = OptionalLong.of(handedAt);
                }
            }
        } catch (InterruptedException stopped) {
            interrupted = true;
        }
        if (interrupted || aborted.isPresent()) {
            workers.cancelAndAwait(CANCEL_GRACE);
        } else {
            drain(timekeeper);
        }
        // An interrupt during the drain ends up here as the flag; cleared, so reporting can still write files.
        interrupted |= Thread.interrupted();
        long dropped = droppedRest ? scheduled - sent : 0;
        long unfinished = recorder.seal(sent + dropped);
        long end = clock.nanoTime();
        intervals.accept(recorder.tick(end));
        long measuredSent = Math.max(0, sent - warmupArrivals);
        Optional<String> abortMessage = aborted.map(reason -> timekeeper.aborted(end, reason));
        // A run that stopped early scheduled only what it reached; the arrivals after that never came due.
        boolean stoppedEarly = interrupted || aborted.isPresent() || runner.hasFailedFatally();
        return new DispatchResult(
                start,
                end,
                stoppedEarly ? sent + dropped : scheduled,
                sent,
                late,
                scheduled - warmupArrivals,
                measuredSent,
                interrupted,
                unfinished,
                runner.fatal(),
                abortMessage,
                firstSend,
                handedOver.toList(),
                due.toList());
    }

    /**
     * How waiting for a worker ended: with a worker, or too late for this arrival, or with a reason to
     * stop the run.
     */
    private record WorkerWait(boolean gotOne, Optional<String> abortReason) {}

    /**
     * Waits for a free worker until the deadline, in slices, so that timeline intervals still close
     * and the stop condition is still asked while every worker is busy.
     */
    private WorkerWait waitForWorker(Timekeeper timekeeper, long deadline) throws InterruptedException {
        while (true) {
            if (pacer.acquire(permits, 1, timekeeper.wakeBy(deadline), clock)) {
                return new WorkerWait(true, Optional.empty());
            }
            long now = clock.nanoTime();
            Optional<String> reason = timekeeper.keepTime(now);
            if (reason.isPresent() || now - deadline >= 0) {
                return new WorkerWait(false, reason);
            }
        }
    }

    /** Sleeps until the arrival is due, closing timeline intervals and asking the stop condition meanwhile. */
    private Optional<String> waitUntil(Timekeeper timekeeper, long intended) throws InterruptedException {
        while (true) {
            pacer.awaitNanos(timekeeper.wakeBy(intended));
            long now = clock.nanoTime();
            Optional<String> reason = timekeeper.keepTime(now);
            if (reason.isPresent() || now - intended >= 0) {
                return reason;
            }
        }
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

    private void drain(Timekeeper timekeeper) {
        long deadline = clock.nanoTime() + drainTimeout.plus(DRAIN_MARGIN).toNanos();
        try {
            while (true) {
                long remaining = deadline - clock.nanoTime();
                // Woken at each interval's end, so the intervals of the drain close on time.
                if (pacer.acquire(permits, maxInFlight, timekeeper.tickBy(deadline), clock)) {
                    permits.release(maxInFlight);
                    return;
                }
                if (remaining <= 0) {
                    break;
                }
                timekeeper.tickIfDue(clock.nanoTime());
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
        workers.cancelAndAwait(CANCEL_GRACE);
    }
}
