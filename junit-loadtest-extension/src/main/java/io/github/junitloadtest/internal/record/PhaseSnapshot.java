package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.Outcome;
import java.util.Map;

/**
 * The figures of the iterations intended within one phase (a named stage, or several of one name).
 *
 * @param name the phase
 * @param startNanos when its first stage starts, after the run's start
 * @param endNanos when its last stage ends, after the run's start
 * @param lengthNanos how long its stages last in all; they need not be adjacent
 * @param corrected its corrected latencies
 * @param service its service times
 * @param lag its scheduling lag
 * @param outcomes its iterations by outcome, every outcome present
 */
public record PhaseSnapshot(
        String name,
        long startNanos,
        long endNanos,
        long lengthNanos,
        LatencyDistribution corrected,
        LatencyDistribution service,
        LatencyDistribution lag,
        Map<Outcome, Long> outcomes) {

    public PhaseSnapshot {
        outcomes = Snapshots.everyOutcome(outcomes);
    }

    /** Its iterations. */
    public long iterations() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The same phase of another generator's run added in.
     *
     * @param other the phase of the same name and span
     * @return the sum
     */
    public PhaseSnapshot plus(PhaseSnapshot other) {
        return new PhaseSnapshot(
                name,
                startNanos,
                endNanos,
                lengthNanos,
                corrected.plus(other.corrected),
                service.plus(other.service),
                lag.plus(other.lag),
                Snapshots.sum(outcomes, other.outcomes));
    }
}
