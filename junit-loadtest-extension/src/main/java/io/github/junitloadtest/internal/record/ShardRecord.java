package io.github.junitloadtest.internal.record;

import java.time.Instant;
import java.util.List;

/**
 * One shard's part in a run that several load generators shared, as its snapshot keeps it: which
 * part it had, when it was ready, when it sent, and how much.
 *
 * @param index the shard, from 0
 * @param weights each shard's part, one per shard
 * @param runId the run the shards belong to
 * @param startAt the instant every shard started this load test at
 * @param slot which of its JVM's load tests this was, from 1: the first starts at the run's start,
 *     each next one when the one before had its time
 * @param toleranceNanos how late the shard could reach the start and still send
 * @param readyOffsetNanos when the shard had done its set-up and reached the start, from {@code startAt}
 *     by its wall clock: negative when it waited, above {@code toleranceNanos} when it missed the start
 * @param firstSendLateNanos how long after its first arrival was due the shard handed it over, by
 *     its monotonic clock; 0 when it sent none
 * @param planned the arrivals of its part (iterations started, in a closed model)
 * @param sent the arrivals it started
 * @param maxInFlight its part of the in-flight cap
 */
public record ShardRecord(
        int index,
        List<Integer> weights,
        String runId,
        Instant startAt,
        int slot,
        long toleranceNanos,
        long readyOffsetNanos,
        long firstSendLateNanos,
        long planned,
        long sent,
        int maxInFlight) {

    public ShardRecord {
        weights = List.copyOf(weights);
    }

    /** How many shards the run had. */
    public int count() {
        return weights.size();
    }

    /** {@code 2/4}. */
    public String label() {
        return index + "/" + count();
    }

    /** Whether the shard reached the start too late to send. */
    public boolean missedStart() {
        return readyOffsetNanos > toleranceNanos;
    }
}
