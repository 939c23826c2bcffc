package io.github.junitloadtest.internal.execute;

import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.record.IntervalSnapshot;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The chores of the thread that drives a run, open or closed: closing each timeline interval when it
 * is over, and asking the stop condition every 100 ms.
 */
final class Timekeeper {

    static final long ABORT_CHECK_NANOS = 100_000_000L;

    private final LatencyRecorder recorder;
    private final StopCondition stopCondition;
    private final Consumer<IntervalSnapshot> intervals;
    private final long startNanos;
    private final long tickNanos;
    private long nextTick;
    private long nextAbortCheck;

    /**
     * Starts keeping time.
     *
     * @param recorder whose timeline to tick
     * @param stopCondition why to stop, if at all
     * @param intervals told about every interval as it closes
     * @param startNanos the run's start
     * @param tickNanos the timeline's interval
     */
    Timekeeper(
            LatencyRecorder recorder,
            StopCondition stopCondition,
            Consumer<IntervalSnapshot> intervals,
            long startNanos,
            long tickNanos) {
        this.recorder = recorder;
        this.stopCondition = stopCondition;
        this.intervals = intervals;
        this.startNanos = startNanos;
        this.tickNanos = tickNanos;
        this.nextTick = startNanos + tickNanos;
        this.nextAbortCheck = startNanos + ABORT_CHECK_NANOS;
    }

    /** The earlier of this moment and the next chore, so a wait until it never misses one. */
    long wakeBy(long nanos) {
        long chore = nextTick - nextAbortCheck < 0 ? nextTick : nextAbortCheck;
        return nanos - chore < 0 ? nanos : chore;
    }

    /** The earlier of this moment and the next interval's end, for waits that only close intervals. */
    long tickBy(long nanos) {
        return nanos - nextTick < 0 ? nanos : nextTick;
    }

    /**
     * Does the chores that are due.
     *
     * @param now the run's clock
     * @return why the run must stop now, if the stop condition says so
     */
    Optional<String> keepTime(long now) {
        tickIfDue(now);
        if (now - nextAbortCheck < 0) {
            return Optional.empty();
        }
        nextAbortCheck = now + ABORT_CHECK_NANOS;
        return stopCondition.reason();
    }

    /** Closes the timeline interval when it is over; intervals missed while busy are skipped, not stacked. */
    void tickIfDue(long now) {
        if (now - nextTick >= 0) {
            intervals.accept(recorder.tick(now));
            nextTick += tickNanos * (1 + (now - nextTick) / tickNanos);
        }
    }

    /** The run's abort message: when, and why. */
    String aborted(long now, String reason) {
        return "aborted after " + Numbers.format((now - startNanos) / 1e9, 1) + " s: " + reason;
    }
}
