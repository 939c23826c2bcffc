package io.github.junitloadtest.internal.execute;

import io.github.junitloadtest.internal.record.IntervalSnapshot;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.schedule.NanoClock;
import io.github.junitloadtest.internal.schedule.Pacer;
import io.github.junitloadtest.internal.schedule.Stages;
import io.github.junitloadtest.internal.schedule.Striping;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Runs a closed model: users, each running the body in a loop with a think time between iterations,
 * their number following the stages (k6's ramping VUs). User {@code k} runs while the target at that
 * moment is at least {@code k}, so there are never more users than the stage's target; a user above
 * the target finishes its iteration and waits.
 *
 * <p>There is no schedule, so an iteration's intended start is its actual start: corrected latency
 * equals service time, and the result says that a closed model hides queueing.
 */
public final class UserLoop {

    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Stages stages;
    private final long lengthNanos;
    private final long warmupNanos;
    private final Duration thinkTime;
    private final Duration thinkTimeMax;
    private final Duration drainTimeout;
    private final NanoClock clock;
    private final Pacer pacer;
    private final Workers workers;
    private final LatencyRecorder recorder;
    private final IterationRunner runner;
    private final AtomicLong started = new AtomicLong();
    private final LongAdder measuredStarted = new LongAdder();
    private final LongAdder finishedUsers = new LongAdder();
    private volatile boolean stopping;
    private long tickNanos = 1_000_000_000L;
    private StopCondition stopCondition = StopCondition.NONE;
    private Consumer<IntervalSnapshot> intervals = interval -> {};
    private long start;
    private OptionalLong startNanos = OptionalLong.empty();
    private Striping striping = Striping.equal(1);
    private int shard;

    public UserLoop(
            Stages stages,
            Duration warmup,
            Duration thinkTime,
            Duration thinkTimeMax,
            Duration drainTimeout,
            NanoClock clock,
            Pacer pacer,
            Workers workers,
            LatencyRecorder recorder,
            IterationContext context) {
        this.stages = stages;
        this.lengthNanos = stages.lengthNanos();
        this.warmupNanos = warmup.toNanos();
        this.thinkTime = thinkTime;
        this.thinkTimeMax = thinkTimeMax;
        this.drainTimeout = drainTimeout;
        this.clock = clock;
        this.pacer = pacer;
        this.workers = workers;
        this.recorder = recorder;
        this.runner = new IterationRunner(clock, recorder, context);
    }

    /**
     * Stops the run early when the condition gives a reason, asked every 100 ms.
     *
     * @param condition why to stop
     * @return this loop
     */
    public UserLoop stoppingWhen(StopCondition condition) {
        this.stopCondition = condition;
        return this;
    }

    /** Hands every interval to the listener as it closes, on the coordinating thread; for progress. */
    public UserLoop reportingIntervalsTo(Consumer<IntervalSnapshot> listener) {
        this.intervals = listener;
        return this;
    }

    /** Closes timeline intervals of this length instead of one second. */
    public UserLoop withTimelineInterval(Duration interval) {
        this.tickNanos = interval.toNanos();
        return this;
    }

    /**
     * Starts the users at this clock reading instead of at once; {@link #run} waits for it.
     */
    public UserLoop startingAt(long startNanos) {
        this.startNanos = OptionalLong.of(startNanos);
        return this;
    }

    /**
     * Runs only this shard's users: of the users the stages ask for, numbered from 1, those the
     * striping gives the shard, so that the shards' users together are the one-generator users.
     */
    public UserLoop sharing(Striping striping, int shard) {
        this.striping = striping;
        this.shard = shard;
        return this;
    }

    /**
     * The target number of users at an offset from the start: linear within each stage.
     *
     * @param offsetNanos nanoseconds after the start
     * @return the target, zero after the last stage
     */
    public double targetAt(long offsetNanos) {
        return stages.valueAt(offsetNanos);
    }

    /**
     * Runs the users until the last stage ends, then lets running iterations finish up to the drain
     * timeout and cancels the rest.
     *
     * @param body the iteration
     * @return what happened
     */
    public DispatchResult run(IterationBody body) {
        start = startNanos.orElseGet(clock::nanoTime);
        recorder.start(start, start + warmupNanos);
        boolean interrupted = false;
        try {
            pacer.awaitUntil(start, clock);
        } catch (InterruptedException stopped) {
            interrupted = true;
        }
        int users = interrupted ? 0 : (int) striping.share(shard, (long) Math.ceil(stages.peak()));
        for (int user = 0; user < users; user++) {
            int number = (int) striping.globalIndex(shard, user) + 1;
            workers.execute(() -> {
                try {
                    runUser(number, body);
                } finally {
                    finishedUsers.increment();
                }
            });
        }
        Optional<String> aborted = Optional.empty();
        long end = start + lengthNanos;
        Timekeeper timekeeper = new Timekeeper(recorder, stopCondition, intervals, start, tickNanos);
        try {
            while (!interrupted && clock.nanoTime() - end < 0 && !runner.hasFailedFatally()) {
                pacer.awaitNanos(timekeeper.wakeBy(end));
                long now = clock.nanoTime();
                aborted = timekeeper.keepTime(now).map(reason -> timekeeper.aborted(now, reason));
                if (aborted.isPresent()) {
                    break;
                }
            }
        } catch (InterruptedException stopped) {
            interrupted = true;
        }
        stopping = true;
        if (interrupted) {
            workers.cancelAndAwait(IterationDispatcher.CANCEL_GRACE);
        } else {
            drain(users);
        }
        interrupted |= Thread.interrupted();
        long unfinished = recorder.seal(started.get());
        long finished = clock.nanoTime();
        intervals.accept(recorder.tick(finished));
        long sent = started.get();
        long measured = measuredStarted.sum();
        return new DispatchResult(
                start,
                finished,
                sent,
                sent,
                0,
                measured,
                measured,
                interrupted,
                unfinished,
                runner.fatal(),
                aborted,
                sent > 0 ? OptionalLong.of(start) : OptionalLong.empty(),
                List.of(),
                List.of());
    }

    private void runUser(int number, IterationBody body) {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            long offset = clock.nanoTime() - start;
            if (offset >= lengthNanos) {
                return;
            }
            if (number > Math.floor(targetAt(offset) + 1e-9)) {
                pause(IDLE_POLL_NANOS);
                continue;
            }
            long now = clock.nanoTime();
            started.incrementAndGet();
            if (now - start >= warmupNanos) {
                measuredStarted.increment();
            }
            // No schedule: the iteration is due when it starts, so corrected latency equals service time exactly.
            runner.run(now, now, body);
            pause(thinkNanos());
        }
    }

    private long thinkNanos() {
        long min = thinkTime.toNanos();
        long max = thinkTimeMax.toNanos();
        return max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min;
    }

    /** Sleeps in short steps so that the end of the run or a cancel wakes the user soon. */
    private void pause(long nanos) {
        long until = clock.nanoTime() + nanos;
        long remaining;
        while (!stopping && (remaining = until - clock.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(remaining, IDLE_POLL_NANOS));
            } catch (InterruptedException cancelled) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void drain(int users) {
        long deadline = clock.nanoTime()
                + drainTimeout.plus(IterationDispatcher.DRAIN_MARGIN).toNanos();
        while (finishedUsers.sum() < users && clock.nanoTime() - deadline < 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (finishedUsers.sum() < users) {
            workers.cancelAndAwait(IterationDispatcher.CANCEL_GRACE);
        }
    }
}
