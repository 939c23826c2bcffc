package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.TimelinePoint;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything one run measured, as an immutable value: what every verdict and every report is made
 * from, so they can equally be made from a snapshot read back from its file or from the sum of
 * several generators' snapshots.
 *
 * <p>The contract the rest of the engine relies on:
 * <ul>
 *   <li>A snapshot holds the plan's identity, when the run started and ended, what became of its
 *       arrivals and requests, what the generator's process used, and the {@link Recording}: the
 *       corrected, service-time and lag histograms overall, per phase and per interval (corrected
 *       and service time per endpoint, with the time to headers: lag belongs to an iteration, not to
 *       a request), the outcome counts, checks, watched statuses and blocked requests.</li>
 *   <li>Its file form (see the report stage's snapshot file) reads back to an equal snapshot:
 *       histograms in HdrHistogram's own encoding, sums of microseconds exactly, counts exactly.</li>
 *   <li>Two snapshots of the same plan add ({@link #plus}): histograms bucket by bucket, counts
 *       summed, intervals matched on the shared schedule start, the earlier start and the later
 *       end. The sum of the snapshots of two generators that shared a schedule's arrivals equals
 *       the snapshot of one generator that ran them all, bucket for bucket. Where one run keeps only
 *       the first of many names (a hundred endpoints, twenty error messages), the sum keeps the
 *       busiest of both, and the rest go into the shared remainder entry as they would in one run.</li>
 * </ul>
 *
 * @param identity which plan ran
 * @param start when the first arrival was due, by the wall clock
 * @param end when the run ended, by the wall clock
 * @param accounting what became of the arrivals and requests
 * @param recording what was measured
 * @param generator what the load generator's process used; for a sum, the highest of each figure
 * @param target what the service used, from its own metrics endpoint; for a sum, the first
 *     generator's that read one, since every generator reads the same service
 * @param shards each shard's part, by index, when several generators shared the run; empty otherwise
 */
public record RunSnapshot(
        RunIdentity identity,
        Instant start,
        Instant end,
        Accounting accounting,
        Recording recording,
        LoadTestResult.GeneratorUsage generator,
        LoadTestResult.TargetUsage target,
        List<ShardRecord> shards) {

    public RunSnapshot {
        shards = shards.stream()
                .sorted(Comparator.comparingInt(ShardRecord::index))
                .toList();
    }

    /**
     * Which plan a snapshot is of: two snapshots add only when their identities are of one plan.
     *
     * @param test the test, as {@code ClassName.methodName}
     * @param configuration the plan as the reports show it
     * @param measuredWindowNanos the length of the measured window, from the warm-up's end to the load's
     * @param intervalSeconds the length of the timeline's intervals
     * @param windowIntervals how many intervals the timeline's sliding window spans
     */
    public record RunIdentity(
            String test,
            LoadTestResult.Configuration configuration,
            long measuredWindowNanos,
            double intervalSeconds,
            int windowIntervals) {

        /** The measured window, in seconds. */
        public double measuredWindowSeconds() {
            return measuredWindowNanos / 1e9;
        }

        /**
         * Whether both are of one plan: equal but for the kind of workers, which differs between
         * generators on different JDKs running the same plan.
         */
        public boolean samePlanAs(RunIdentity other) {
            return with("", configuration.baseUrl(), configuration.stubTarget(), List.of())
                    .equals(other.with("", other.configuration.baseUrl(), other.configuration.stubTarget(), List.of()));
        }

        /**
         * Whether both are of one plan whatever the test is called: equal but for the test's name
         * and the workers, as a renamed test's recorded runs are for its regression gate.
         */
        public boolean samePlanUnderAnyName(RunIdentity other) {
            return new RunIdentity("", configuration, measuredWindowNanos, intervalSeconds, windowIntervals)
                    .samePlanAs(new RunIdentity(
                            "",
                            other.configuration,
                            other.measuredWindowNanos,
                            other.intervalSeconds,
                            other.windowIntervals));
        }

        /**
         * Whether both are of one load, wherever it went: equal but for the workers and the target,
         * as a run that judges shards' snapshots finds them against its own plan.
         */
        public boolean sameLoadAs(RunIdentity other) {
            return with("", "", false, List.of()).equals(other.with("", "", false, List.of()));
        }

        /** Both generators' worker kinds, {@code "platform"} or {@code "platform, virtual"}. */
        RunIdentity joinedWith(RunIdentity other) {
            String mine = configuration.workers();
            String theirs = other.configuration.workers();
            return mine.equals(theirs) || List.of(mine.split(", ")).contains(theirs)
                    ? this
                    : withWorkers(mine + ", " + theirs);
        }

        private RunIdentity withWorkers(String workers) {
            return with(workers, configuration.baseUrl(), configuration.stubTarget(), configuration.overrides());
        }

        /**
         * This identity with other workers, target and overrides; compared without overrides, since a limit
         * set from outside does not change the load, and an overridden load shows in the load itself.
         */
        private RunIdentity with(String workers, String baseUrl, boolean stubTarget, List<String> overrides) {
            LoadTestResult.Configuration c = configuration;
            return new RunIdentity(
                    test,
                    new LoadTestResult.Configuration(
                            c.model(),
                            c.load(),
                            c.stages(),
                            c.durationSeconds(),
                            c.warmupSeconds(),
                            c.timeoutSeconds(),
                            c.maxInFlight(),
                            c.thinkTimeSeconds(),
                            c.thinkTimeMaxSeconds(),
                            c.durationScale(),
                            baseUrl,
                            stubTarget,
                            workers,
                            c.rateScale(),
                            overrides),
                    measuredWindowNanos,
                    intervalSeconds,
                    windowIntervals);
        }
    }

    /** The run interval by interval, as the reports show it. */
    public List<TimelinePoint> timeline() {
        return Timeline.of(recording.intervals(), identity.windowIntervals());
    }

    /**
     * This run and another generator's run of the same plan, as one.
     *
     * @param other a snapshot of the same plan
     * @return the sum
     * @throws IllegalArgumentException when the other snapshot is of another plan
     */
    public RunSnapshot plus(RunSnapshot other) {
        if (!identity.samePlanAs(other.identity)) {
            throw new IllegalArgumentException(
                    "cannot add snapshots of different plans: " + identity + " and " + other.identity);
        }
        LoadTestResult.GeneratorUsage usage = new LoadTestResult.GeneratorUsage(
                Math.max(generator.peakCpuPercent(), other.generator.peakCpuPercent()),
                Math.max(generator.peakHeapMiB(), other.generator.peakHeapMiB()),
                Math.max(generator.cores(), other.generator.cores()));
        return new RunSnapshot(
                identity.joinedWith(other.identity),
                start.isBefore(other.start) ? start : other.start,
                end.isAfter(other.end) ? end : other.end,
                accounting.plus(other.accounting),
                recording.plus(other.recording, identity.intervalSeconds()),
                usage,
                target.configured() ? target : other.target,
                Stream.concat(shards.stream(), other.shards.stream()).toList());
    }
}
