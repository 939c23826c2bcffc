package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.CheckResult;
import io.github.junitloadtest.api.ErrorSample;
import io.github.junitloadtest.api.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a {@link LatencyRecorder} recorded, as an immutable value. Figures cover the measured
 * iterations, those intended after the warm-up; the warm-up's are only counted.
 *
 * @param corrected corrected latency: from each arrival's intended start to its end
 * @param service service time: from each iteration's actual start to its end
 * @param lag scheduling lag: from each iteration's intended start to its actual start
 * @param outcomes measured iterations by outcome, every outcome present
 * @param warmupIterations iterations of the warm-up
 * @param errors the first distinct failure messages with their counts, most frequent first
 * @param endpoints per-endpoint figures, by name
 * @param phases per-phase figures, in the order the phases start
 * @param checks each named check's passes and failures, by name
 * @param statuses how often each status a rule names was answered
 * @param blockedRequests requests not sent (host not allowed, request cap), warm-up included
 * @param firstBlocked why the first of those was not sent, redacted; empty when none was
 * @param intervals the run interval by interval, in order
 */
public record Recording(
        LatencyDistribution corrected,
        LatencyDistribution service,
        LatencyDistribution lag,
        Map<Outcome, Long> outcomes,
        long warmupIterations,
        List<ErrorSample> errors,
        List<EndpointSnapshot> endpoints,
        List<PhaseSnapshot> phases,
        List<CheckResult> checks,
        Map<Integer, Long> statuses,
        long blockedRequests,
        String firstBlocked,
        List<IntervalSnapshot> intervals) {

    public Recording {
        outcomes = Snapshots.everyOutcome(outcomes);
        errors = List.copyOf(errors);
        endpoints = List.copyOf(endpoints);
        phases = List.copyOf(phases);
        checks = List.copyOf(checks);
        statuses = Snapshots.sumByKey(statuses, Map.of());
        intervals = List.copyOf(intervals);
    }

    /** The figures of one phase; empty for an unknown name. */
    public Optional<PhaseSnapshot> phase(String name) {
        return phases.stream().filter(phase -> phase.name().equals(name)).findFirst();
    }

    /** The figures of one endpoint; empty for an unknown name. */
    public Optional<EndpointSnapshot> endpoint(String name) {
        return endpoints.stream()
                .filter(endpoint -> endpoint.name().equals(name))
                .findFirst();
    }

    /**
     * What two generators recorded on the same plan, added: histograms bucket by bucket, counts
     * summed, and intervals matched by their place in the shared schedule ({@link #alignedSum}).
     *
     * @param other the other generator's recording
     * @param intervalSeconds the plan's interval
     * @return the sum
     */
    public Recording plus(Recording other, double intervalSeconds) {
        return new Recording(
                corrected.plus(other.corrected),
                service.plus(other.service),
                lag.plus(other.lag),
                Snapshots.sum(outcomes, other.outcomes),
                warmupIterations + other.warmupIterations,
                Snapshots.errors(errors, other.errors),
                Snapshots.endpoints(endpoints, other.endpoints),
                Snapshots.mergeBy(phases, other.phases, PhaseSnapshot::name, PhaseSnapshot::plus),
                Snapshots.checks(checks, other.checks),
                Snapshots.sumByKey(statuses, other.statuses),
                blockedRequests + other.blockedRequests,
                firstBlocked.isEmpty() ? other.firstBlocked : firstBlocked,
                alignedSum(intervals, other.intervals, intervalSeconds));
    }

    /**
     * Adds intervals that cover the same span of the shared schedule. An interval's place is the
     * number of whole intervals its end lies after the start: a tick comes at its due time or later
     * (up to an interval late, when the generator was busy), never earlier; a tick missed altogether
     * leaves one interval spanning two; and the last, partial interval takes the place after the one
     * before it.
     */
    static List<IntervalSnapshot> alignedSum(
            List<IntervalSnapshot> one, List<IntervalSnapshot> other, double intervalSeconds) {
        TreeMap<Long, IntervalSnapshot> byPlace = new TreeMap<>();
        for (List<IntervalSnapshot> intervals : List.of(one, other)) {
            long previous = -1;
            for (IntervalSnapshot interval : intervals) {
                // The epsilon keeps an end of exactly 3.0 s, read as 2.9999999999999996 intervals, at place 3.
                long place = Math.max((long) Math.floor(interval.endSeconds() / intervalSeconds + 1e-9), previous + 1);
                previous = place;
                byPlace.merge(place, interval, IntervalSnapshot::plus);
            }
        }
        return new ArrayList<>(byPlace.values());
    }
}
