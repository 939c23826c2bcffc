package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.Outcome;
import java.util.EnumMap;
import java.util.Map;

/**
 * One interval of a run, by completion time: the iterations that ended in it, warm-up excluded.
 *
 * @param startSeconds its start, in seconds after the run's start
 * @param endSeconds its end, in seconds after the run's start
 * @param iterations iterations that ended in it, those without a latency sample included
 * @param failuresByOutcome its failed iterations by outcome, only outcomes that occurred
 * @param corrected its corrected latencies
 * @param service its service times
 * @param lag its scheduling lag: how late its iterations started against their intended start
 */
public record IntervalSnapshot(
        double startSeconds,
        double endSeconds,
        long iterations,
        Map<Outcome, Long> failuresByOutcome,
        LatencyDistribution corrected,
        LatencyDistribution service,
        LatencyDistribution lag) {

    public IntervalSnapshot {
        // In the outcomes' order, so the reports list them the same way on every run.
        failuresByOutcome = Snapshots.sum(failuresByOutcome, Map.of());
    }

    /** Its failed iterations. */
    public long failures() {
        return failuresByOutcome.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The same interval of another generator's run added in: samples and counts summed, spanning both.
     *
     * @param other the interval with the same place in the shared schedule
     * @return the sum
     */
    public IntervalSnapshot plus(IntervalSnapshot other) {
        Map<Outcome, Long> failures = new EnumMap<>(Outcome.class);
        failures.putAll(failuresByOutcome);
        other.failuresByOutcome.forEach((outcome, count) -> failures.merge(outcome, count, Long::sum));
        return new IntervalSnapshot(
                Math.min(startSeconds, other.startSeconds),
                Math.max(endSeconds, other.endSeconds),
                iterations + other.iterations,
                failures,
                corrected.plus(other.corrected).compact(),
                service.plus(other.service).compact(),
                lag.plus(other.lag).compact());
    }
}
