package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.Outcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The intervals a run has closed so far, each with what ended in it; kept compact, so hours of them
 * stay small. Closed by the one thread that drives the run.
 */
final class Intervals {

    private final Map<Outcome, Long> outcomesBefore = new EnumMap<>(Outcome.class);
    private final List<IntervalSnapshot> closed = new ArrayList<>();
    private double previousEndSeconds;

    /**
     * Closes the next interval.
     *
     * @param endSeconds its end, in seconds after the run's start
     * @param outcomeTotals measured iterations by outcome so far
     * @param corrected its corrected latencies
     * @param service its service times
     * @param lag its scheduling lag
     * @return the interval
     */
    IntervalSnapshot close(
            double endSeconds,
            Map<Outcome, Long> outcomeTotals,
            LatencyDistribution corrected,
            LatencyDistribution service,
            LatencyDistribution lag) {
        Map<Outcome, Long> failuresByOutcome = new EnumMap<>(Outcome.class);
        long iterations = 0;
        for (Outcome outcome : Outcome.values()) {
            long total = outcomeTotals.getOrDefault(outcome, 0L);
            long inInterval = total - outcomesBefore.getOrDefault(outcome, 0L);
            outcomesBefore.put(outcome, total);
            iterations += inInterval;
            if (!outcome.isSuccess() && inInterval > 0) {
                failuresByOutcome.put(outcome, inInterval);
            }
        }
        IntervalSnapshot interval = new IntervalSnapshot(
                previousEndSeconds, endSeconds, iterations, failuresByOutcome, corrected, service, lag);
        closed.add(interval);
        previousEndSeconds = endSeconds;
        return interval;
    }

    /** The intervals closed so far, in order. */
    List<IntervalSnapshot> closed() {
        return List.copyOf(closed);
    }
}
