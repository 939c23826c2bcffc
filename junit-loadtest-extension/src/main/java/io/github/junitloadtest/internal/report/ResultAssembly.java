package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.EndpointResult;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.PhaseResult;
import io.github.junitloadtest.internal.evaluate.GeneratorCheck;
import io.github.junitloadtest.internal.evaluate.Verdict;
import io.github.junitloadtest.internal.evaluate.Violation;
import io.github.junitloadtest.internal.record.Accounting;
import io.github.junitloadtest.internal.record.EndpointSnapshot;
import io.github.junitloadtest.internal.record.PhaseSnapshot;
import io.github.junitloadtest.internal.record.Recording;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.internal.record.ShardRecord;
import java.util.List;

/** Puts a run's snapshot and its verdict together as the {@link LoadTestResult} every report shows. */
public final class ResultAssembly {

    private ResultAssembly() {}

    /**
     * The result of a run.
     *
     * @param snapshot what the run measured
     * @param verdict what was decided on it
     * @return the result
     */
    public static LoadTestResult of(RunSnapshot snapshot, Verdict verdict) {
        Recording recording = snapshot.recording();
        Accounting accounting = snapshot.accounting();
        double windowSeconds = snapshot.identity().measuredWindowSeconds();
        long measured = recording.outcomes().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long successes = recording.outcomes().getOrDefault(Outcome.SUCCESS, 0L);
        LoadTestResult.Counts counts = new LoadTestResult.Counts(
                accounting.scheduled(),
                accounting.sent(),
                accounting.dropped(),
                accounting.late(),
                recording.warmupIterations(),
                measured,
                measured - successes,
                accounting.requestsSent(),
                accounting.requestsNotSent(),
                accounting.requestsRefused());
        return new LoadTestResult(
                snapshot.identity().test(),
                snapshot.start().toString(),
                snapshot.end().toString(),
                snapshot.identity().configuration(),
                counts,
                verdict.requestedRps(),
                accounting.measuredSent() / windowSeconds,
                successes / windowSeconds,
                recording.corrected().summary(),
                recording.service().summary(),
                recording.lag().summary(),
                recording.outcomes(),
                recording.errors(),
                endpoints(recording.endpoints()),
                phases(recording.phases()),
                recording.checks(),
                verdict.thresholds(),
                snapshot.timeline(),
                recording.corrected().spectrum(),
                recording.service().spectrum(),
                snapshot.generator(),
                pacing(accounting, recording),
                snapshot.target(),
                verdict.violation(Violation.GeneratorShortfall.class)
                        .map(Violation::message)
                        .orElse(""),
                accounting.aborted(),
                verdict.noteTexts(),
                shards(snapshot.shards()),
                verdict.comparisons(),
                verdict.capacity().orElse(null),
                verdict.passed());
    }

    private static List<LoadTestResult.ShardResult> shards(List<ShardRecord> shards) {
        return shards.stream()
                .map(shard -> new LoadTestResult.ShardResult(
                        shard.index(),
                        shard.count(),
                        shard.runId(),
                        shard.startAt().toString(),
                        shard.readyOffsetNanos() / 1e9,
                        shard.firstSendLateNanos() / 1e6,
                        shard.planned(),
                        shard.sent(),
                        shard.missedStart()))
                .toList();
    }

    private static List<EndpointResult> endpoints(List<EndpointSnapshot> endpoints) {
        return endpoints.stream()
                .map(endpoint -> new EndpointResult(
                        endpoint.name(),
                        endpoint.requests(),
                        endpoint.corrected().summary(),
                        endpoint.service().summary(),
                        endpoint.timeToHeaders().summary(),
                        endpoint.status2xx(),
                        endpoint.status3xx(),
                        endpoint.status4xx(),
                        endpoint.status5xx(),
                        endpoint.timeouts(),
                        endpoint.connectionErrors(),
                        endpoint.resets(),
                        endpoint.failed(),
                        endpoint.bytes()))
                .toList();
    }

    private static List<PhaseResult> phases(List<PhaseSnapshot> phases) {
        return phases.stream()
                .map(phase -> new PhaseResult(
                        phase.name(),
                        phase.startNanos() / 1e9,
                        phase.endNanos() / 1e9,
                        phase.iterations(),
                        phase.iterations() - phase.outcomes().getOrDefault(Outcome.SUCCESS, 0L),
                        phase.outcomes(),
                        phase.corrected().summary(),
                        phase.service().summary()))
                .toList();
    }

    /**
     * How the arrivals went out: the iterations that started late, and the second that went furthest
     * above what was due in it (the earliest of equals), from the per-second series.
     */
    static LoadTestResult.Pacing pacing(Accounting accounting, Recording recording) {
        List<Long> sent = accounting.sentPerSecond();
        List<Long> due = accounting.duePerSecond();
        if (sent.isEmpty() && due.isEmpty()) {
            return LoadTestResult.Pacing.NONE;
        }
        int busiest = 0;
        long busiestExcess = Long.MIN_VALUE;
        for (int second = 0; second < Math.max(sent.size(), due.size()); second++) {
            long excess = at(sent, second) - at(due, second);
            if (excess > busiestExcess) {
                busiest = second;
                busiestExcess = excess;
            }
        }
        return new LoadTestResult.Pacing(
                recording.lag().samplesAtOrAbove(LATE_START_MILLIS),
                LATE_START_MILLIS,
                busiest,
                at(sent, busiest),
                at(due, busiest),
                sent,
                due);
    }

    /** The scheduling lag from which an iteration counts as started late: the lag note's own floor. */
    static final double LATE_START_MILLIS = GeneratorCheck.MIN_LAG_MILLIS;

    private static long at(List<Long> series, int second) {
        return second < series.size() ? series.get(second) : 0;
    }
}
