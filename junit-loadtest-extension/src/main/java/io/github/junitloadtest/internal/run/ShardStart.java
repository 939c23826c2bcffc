package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.internal.execute.DispatchResult;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.ShardRecord;
import io.github.junitloadtest.internal.schedule.Schedule;
import io.github.junitloadtest.internal.schedule.ShardedSchedule;
import io.github.junitloadtest.internal.schedule.Striping;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A shard's start of one load test: its slot among the JVM's load tests, the shared instant mapped
 * once onto the run's monotonic clock after the set-up, and how late the shard reached it.
 */
final class ShardStart {

    private final LoadPlan.Shard shard;
    private final Striping striping;
    private final StartSlots.Slot slot;
    private final long startNanos;
    private final long readyOffsetNanos;
    private final int inFlight;

    private ShardStart(
            LoadPlan.Shard shard, StartSlots.Slot slot, long startNanos, long readyOffsetNanos, int inFlight) {
        this.shard = shard;
        this.striping = new Striping(shard.weights());
        this.slot = slot;
        this.startNanos = startNanos;
        this.readyOffsetNanos = readyOffsetNanos;
        this.inFlight = inFlight;
    }

    /**
     * Takes the load test's slot and maps its start, now that the set-up is done.
     *
     * @param plan a shard's plan
     * @param environment the run's clocks and slots
     * @param inFlight the shard's part of the in-flight cap
     * @return the start
     */
    static ShardStart now(LoadPlan plan, RunEnvironment environment, int inFlight) {
        LoadPlan.Shard shard = (LoadPlan.Shard) plan.role();
        StartSlots.Slot slot =
                environment.slots().take(shard.startAt(), plan.duration().plus(plan.timeout()));
        long now = environment.clock().nanoTime();
        long readyOffset = Duration.between(
                        slot.start(), environment.wallClock().instant())
                .toNanos();
        return new ShardStart(shard, slot, now - readyOffset, readyOffset, inFlight);
    }

    /** Whether the shard reached its start later than its tolerance, and so must send nothing. */
    boolean missed() {
        return readyOffsetNanos > shard.startTolerance().toNanos();
    }

    /** The start on the run's clock. */
    long startNanos() {
        return startNanos;
    }

    /** The start by the wall clock. */
    Instant startAt() {
        return slot.start();
    }

    /** Which arrivals and users are this shard's. */
    Striping striping() {
        return striping;
    }

    int index() {
        return shard.index();
    }

    /** This shard's part of a schedule. */
    Schedule partOf(Schedule whole) {
        return new ShardedSchedule(whole, striping, shard.index());
    }

    /** The console's words for it: {@code "shard 1/4 of run 4711, starting at … (in 12.3 s): "}. */
    String announcement() {
        return "shard " + shard.label() + " of run " + shard.runId() + ", starting at " + slot.start() + " (in "
                + Numbers.format(-readyOffsetNanos / 1e9, 1) + " s): ";
    }

    /**
     * What the snapshot keeps of the shard's part.
     *
     * @param planned the arrivals of its part
     * @param firstDueNanos when its first arrival was due, from the start
     * @param dispatch how its arrivals went; null when it missed the start and sent none
     * @return the record
     */
    ShardRecord record(long planned, long firstDueNanos, @Nullable DispatchResult dispatch) {
        long firstSendLate = dispatch == null
                ? 0
                : dispatch.firstSendNanos().orElse(startNanos + firstDueNanos) - startNanos - firstDueNanos;
        return new ShardRecord(
                shard.index(),
                shard.weights(),
                shard.runId(),
                slot.start(),
                slot.number(),
                shard.startTolerance().toNanos(),
                readyOffsetNanos,
                firstSendLate,
                planned,
                dispatch == null ? 0 : dispatch.sent(),
                inFlight);
    }
}
