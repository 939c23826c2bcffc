package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Everything one load test measured and decided; written as JSON after each run.
 *
 * <p>Counts obey {@code scheduled = sent + dropped}. Figures other than the counts and the phases
 * cover the measured window, from the end of the warm-up to the end of the load.
 *
 * @param test the test, as {@code ClassName.methodName}
 * @param startTime when the first arrival was due, ISO-8601
 * @param endTime when the run ended, ISO-8601
 * @param configuration the plan the run followed
 * @param counts arrivals and iterations
 * @param requestedRps the arrival rate asked for over the measured window: the rate itself when constant, the
 *     planned average when staged; zero for a closed model
 * @param achievedRps iterations started per second of the measured window
 * @param throughputRps successful iterations per second of the measured window
 * @param corrected latency from each arrival's intended start
 * @param serviceTime latency from each iteration's actual start
 * @param schedulingLag how late iterations started against their intended start
 * @param outcomes measured iterations by outcome
 * @param errors the first distinct failure messages, with counts
 * @param endpoints per-endpoint figures, by request name
 * @param phases per-phase figures, in the order the phases start
 * @param checks each named check's passes and failures
 * @param thresholds every declared threshold and rule with its verdict
 * @param timeline the run interval by interval
 * @param correctedSpectrum the corrected latency's percentile spectrum
 * @param serviceSpectrum the service time's percentile spectrum
 * @param generator what the load generator itself used
 * @param pacing how the arrivals went out against the schedule, second by second
 * @param target what the service itself used, from its own metrics endpoint
 *     ({@link LoadTest#TARGET_METRICS_PROPERTY_NAME}); {@link TargetUsage#NONE} without one
 * @param generatorShortfall a sentence saying the generator fell short, or empty
 * @param aborted a sentence saying why the run was stopped early, or empty
 * @param notes remarks on how to read the figures, for example that a closed model hides queueing
 * @param shards each shard's part when several load generators shared the run, by index; empty for
 *     one generator
 * @param comparisons each {@code @NoRegression}: this run against its recorded runs; empty without
 * @param capacity the capacity search of a {@link CapacityTest}, whose other figures are those of the
 *     step at the capacity found (or of its first step when none held); null for every other test
 * @param passed whether every threshold held, the generator delivered the load and the run was not aborted
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LoadTestResult(
        String test,
        String startTime,
        String endTime,
        Configuration configuration,
        Counts counts,
        double requestedRps,
        double achievedRps,
        double throughputRps,
        LatencySummary corrected,
        LatencySummary serviceTime,
        LatencySummary schedulingLag,
        Map<Outcome, Long> outcomes,
        List<ErrorSample> errors,
        List<EndpointResult> endpoints,
        List<PhaseResult> phases,
        List<CheckResult> checks,
        List<ThresholdResult> thresholds,
        List<TimelinePoint> timeline,
        List<PercentilePoint> correctedSpectrum,
        List<PercentilePoint> serviceSpectrum,
        GeneratorUsage generator,
        Pacing pacing,
        TargetUsage target,
        String generatorShortfall,
        String aborted,
        List<String> notes,
        List<ShardResult> shards,
        List<Comparison> comparisons,
        @Nullable CapacitySearch capacity,
        boolean passed) {

    public LoadTestResult {
        // A result written before the pacing figures existed has none.
        pacing = pacing == null ? Pacing.NONE : pacing;
        // One written before the target's metrics were read has none.
        target = target == null ? TargetUsage.NONE : target;
    }

    /**
     * The plan of a run, after the duration scale.
     *
     * @param model {@code "open"} (arrivals on a schedule) or {@code "closed"} (users in a loop)
     * @param load the load in words, for example {@code "16.7 req/s for 60 s"}
     * @param stages the load's stages; one holding stage for a constant load
     * @param durationSeconds length of the load, warm-up included
     * @param warmupSeconds length of the warm-up
     * @param timeoutSeconds request timeout and drain limit
     * @param maxInFlight the most iterations at once
     * @param thinkTimeSeconds a closed model's think time, its lower end when random
     * @param thinkTimeMaxSeconds the upper end of a random think time
     * @param durationScale the factor applied to every duration but the timeout
     * @param baseUrl the base URL, or empty
     * @param stubTarget whether the base URL is a stub's, published with
     *     {@link LoadTestTarget#publishStubBaseUrl}, rather than a real deployment
     * @param workers {@code "virtual"} or {@code "platform"}
     * @param rateScale the factor applied to every rate, user count and throughput limit
     *     ({@link LoadTest#RATE_SCALE_PROPERTY_NAME}); 1 in results written before it existed
     * @param overrides each setting from outside that changed the declared load or a limit
     *     ({@link LoadTest#OVERRIDE_PROPERTY_PREFIX}), for example
     *     {@code P95Below = 400 (system property 'loadtest.override.OrdersLoadTests.checkout.P95Below')};
     *     empty in results written before they existed
     * @since 0.1; {@code overrides} since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Configuration(
            String model,
            String load,
            List<StageConfiguration> stages,
            double durationSeconds,
            double warmupSeconds,
            double timeoutSeconds,
            int maxInFlight,
            double thinkTimeSeconds,
            double thinkTimeMaxSeconds,
            double durationScale,
            String baseUrl,
            boolean stubTarget,
            String workers,
            double rateScale,
            List<String> overrides) {

        public Configuration {
            // A result or snapshot written before the rate scale existed reads as 0: it ran at the declared rates.
            rateScale = rateScale == 0 ? 1 : rateScale;
            // One written before overrides existed has none.
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
        }
    }

    /**
     * One stage: the rate (open model) or users (closed model) go from {@code from} to {@code to}.
     *
     * @param name its phase, or empty
     * @param durationSeconds its length
     * @param from at its start
     * @param to at its end
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record StageConfiguration(String name, double durationSeconds, double from, double to) {}

    /**
     * What the load generator's own process used while the run went on, sampled every second: a
     * generator near its limits distorts the figures, so its usage is part of every result.
     *
     * @param peakCpuPercent the highest CPU use of the test's JVM, in percent of all cores
     * @param peakHeapMiB the highest heap in use, in MiB
     * @param cores the cores available to the JVM
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record GeneratorUsage(double peakCpuPercent, double peakHeapMiB, int cores) {}

    /**
     * How the arrivals went out against the schedule. A generator that fell behind sends the arrivals
     * it owes as soon as it can, each measured from its intended start; the service then sees that
     * catch-up as a burst the test never asked for, and these figures tell it from the planned load.
     *
     * @param startedLate measured iterations that started {@code lateAfterMillis} or more after their
     *     intended start, whether the generator or a busy worker held them up
     * @param lateAfterMillis the scheduling lag from which an iteration counts as started late
     * @param busiestSecond the second of the run, from 0, in which the most arrivals went out above
     *     those due in it; -1 for a closed model
     * @param busiestSecondSent the arrivals that went out in it
     * @param busiestSecondDue the arrivals due in it
     * @param sentPerSecond the arrivals that went out in each second of the run, warm-up included;
     *     empty for a closed model
     * @param duePerSecond the arrivals due in each second of the run; empty for a closed model
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public record Pacing(
            long startedLate,
            double lateAfterMillis,
            int busiestSecond,
            long busiestSecondSent,
            long busiestSecondDue,
            List<Long> sentPerSecond,
            List<Long> duePerSecond) {

        /** No figures: a closed model, or a result written before they existed. */
        public static final Pacing NONE = new Pacing(0, 0, -1, 0, 0, List.of(), List.of());

        public Pacing {
            sentPerSecond = sentPerSecond == null ? List.of() : List.copyOf(sentPerSecond);
            duePerSecond = duePerSecond == null ? List.of() : List.copyOf(duePerSecond);
        }

        /** How far the busiest second went above what was due in it, in percent of it; 0 without one. */
        public double busiestSecondExcessPercent() {
            return busiestSecondDue == 0 ? 0 : 100.0 * (busiestSecondSent - busiestSecondDue) / busiestSecondDue;
        }
    }

    /**
     * What the service used while the run went on, read from its own Prometheus or OpenMetrics
     * endpoint before the load, every timeline interval during it and after it. A figure the endpoint
     * did not expose is null, and its metric name empty.
     *
     * @param source the endpoint, redacted; empty when none was set
     * @param scrapes the times the endpoint answered with metrics
     * @param failedScrapes the times it could not be read
     * @param problem why it could not be read the first time, or empty
     * @param peakCores the most cores the service's process used between two readings
     * @param cpuSecondsPerThousandRequests the process's CPU seconds from the first reading to the
     *     last, per 1000 requests sent
     * @param cpuMetric the metric the CPU figures come from, for example {@code process_cpu_seconds_total}
     * @param peakMemoryMiB the highest memory reading, in MiB
     * @param memoryMetric the metric it comes from, for example {@code process_resident_memory_bytes}
     * @param queries database queries from the first reading to the last
     * @param meanQueryMillis their mean time
     * @param queryMetric the timer or summary they come from, for example
     *     {@code spring_data_repository_invocations_seconds}
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public record TargetUsage(
            String source,
            int scrapes,
            int failedScrapes,
            String problem,
            @Nullable Double peakCores,
            @Nullable Double cpuSecondsPerThousandRequests,
            String cpuMetric,
            @Nullable Double peakMemoryMiB,
            String memoryMetric,
            @Nullable Long queries,
            @Nullable Double meanQueryMillis,
            String queryMetric) {

        /** No endpoint was set. */
        public static final TargetUsage NONE = new TargetUsage("", 0, 0, "", null, null, "", null, "", null, null, "");

        /** Whether an endpoint was set. */
        public boolean configured() {
            return !source.isEmpty();
        }
    }

    /**
     * How many arrivals and iterations the run had.
     *
     * @param scheduled arrivals due within the load (iterations started, in a closed model)
     * @param sent arrivals that started an iteration
     * @param dropped arrivals never sent because no worker came free before the run's end; measured
     *     ones count as failed iterations with outcome {@code DROPPED}
     * @param late arrivals that found every worker busy and waited for one
     * @param warmup iterations of the warm-up, left out of the figures
     * @param measured iterations and dropped arrivals after the warm-up
     * @param failed of those, the ones that did not succeed
     * @param requestsSent requests written to an open connection, the warm-up's included: what the
     *     server can have received, each exactly once
     * @param requestsNotSent requests made but never written: no connection could be made, or the run
     *     stopped them first
     * @param requestsRefused requests refused before any connection, at the request cap or for
     *     their host
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Counts(
            long scheduled,
            long sent,
            long dropped,
            long late,
            long warmup,
            long measured,
            long failed,
            long requestsSent,
            long requestsNotSent,
            long requestsRefused) {}

    /**
     * One shard's part in a run that several load generators shared.
     *
     * @param index the shard, from 0
     * @param count how many shards the run had
     * @param runId the run the shards belong to
     * @param startAt the instant every shard started at, ISO-8601
     * @param readyOffsetSeconds when the shard was ready to start, from {@code startAt} by its clock:
     *     negative when it waited for the start, positive when it reached it late
     * @param firstSendLateMillis how long after its first arrival was due it sent it
     * @param planned the arrivals of its part
     * @param sent the arrivals it sent
     * @param missedStart whether it reached the start too late and sent nothing
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public record ShardResult(
            int index,
            int count,
            String runId,
            String startAt,
            double readyOffsetSeconds,
            double firstSendLateMillis,
            long planned,
            long sent,
            boolean missedStart) {}

    /**
     * A figure of this run against its recorded green runs ({@link NoRegression}).
     *
     * @param figure for example {@code "p95 latency"}
     * @param verdict {@code regressed}, {@code same} or {@code inconclusive}
     * @param current this run's figure
     * @param baseline the median of the recorded runs' figures; null when none was compared
     * @param lower this run's lower bound, at the comparison's confidence; null when none was compared
     * @param upper this run's upper bound; null when none was compared
     * @param tolerance the tolerance applied, widened to the recorded runs' spread: percent, or
     *     percentage points for the error rate; null when none was compared
     * @param limit the worst figure the tolerance allows: the baseline widened by it; null when none was
     *     compared
     * @param unit {@code ms}, {@code %} or {@code req/s}
     * @param history the recorded runs compared with, newest first
     * @param message the sentence the thresholds table shows
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public record Comparison(
            String figure,
            String verdict,
            double current,
            @Nullable Double baseline,
            @Nullable Double lower,
            @Nullable Double upper,
            @Nullable Double tolerance,
            @Nullable Double limit,
            String unit,
            List<Recorded> history,
            String message) {

        /**
         * A recorded run compared with.
         *
         * @param recordedAt when it was recorded, ISO-8601
         * @param commit its commit, if known
         * @param value its figure
         * @since 0.2
         */
        @API(status = EXPERIMENTAL, since = "0.2")
        public record Recorded(String recordedAt, String commit, double value) {}
    }

    /**
     * What a capacity search ({@link CapacityTest}) found, and each step it ran.
     *
     * @param capacityRps the highest rate that met the SLO; null when none did
     * @param firstBrokenRps the lowest rate that broke it; null when none did
     * @param brokenBy what broke at that rate: the first failure's sentence, or empty
     * @param end how the search ended: {@code resolved}, {@code reached-to}, {@code broke-at-from},
     *     {@code generator-limited}, {@code time-limit}, {@code not-recovered} or {@code stopped}
     * @param atLeast whether the capacity is only a lower bound: the search ended before a rate broke
     *     the SLO (the highest rate allowed, the generator's limit or the time limit)
     * @param limitRps the capacity {@link CapacityAbove} requires it to exceed; null when not declared
     * @param message the search's finding in one sentence
     * @param steps every step and probe, in the order run
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public record CapacitySearch(
            @Nullable Double capacityRps,
            @Nullable Double firstBrokenRps,
            String brokenBy,
            String end,
            boolean atLeast,
            @Nullable Double limitRps,
            String message,
            List<CapacityStep> steps) {}

    /**
     * One step of a capacity search, judged on its measured time alone.
     *
     * @param kind {@code step}, or {@code probe} for a check at the last good rate after a broken step
     * @param rps the rate offered
     * @param achievedRps iterations started per second of its measured time
     * @param p50Millis corrected latency, 50th percentile
     * @param p95Millis corrected latency, 95th percentile
     * @param p99Millis corrected latency, 99th percentile
     * @param errorRatePercent failed iterations among the measured ones
     * @param held {@code met} (the SLO held), {@code broke}, {@code generator} (the load generator
     *     could not deliver it) or {@code stopped}
     * @param brokenBy the first failure's sentence, or empty when it met the SLO
     * @param startSeconds when it started, from the search's start
     * @param durationSeconds its length, settle included
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public record CapacityStep(
            String kind,
            double rps,
            double achievedRps,
            double p50Millis,
            double p95Millis,
            double p99Millis,
            double errorRatePercent,
            String held,
            String brokenBy,
            double startSeconds,
            double durationSeconds) {}
}
