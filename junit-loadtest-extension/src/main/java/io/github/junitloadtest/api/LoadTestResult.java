package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Everything one load test measured and decided; written as JSON after each run.
 *
 * <p>Counts obey {@code scheduled = sent + dropped}. Figures other than the counts cover the
 * measured window, from the end of the warm-up to the end of the duration.
 *
 * @param test the test, as {@code ClassName.methodName}
 * @param startTime when the first arrival was due, ISO-8601
 * @param endTime when the run ended, ISO-8601
 * @param configuration the plan the run followed
 * @param counts arrivals and iterations
 * @param requestedRps the configured arrival rate
 * @param achievedRps arrivals sent per second of the measured window
 * @param throughputRps successful iterations per second of the measured window
 * @param corrected latency from each arrival's intended start
 * @param serviceTime latency from each iteration's actual start
 * @param schedulingLag how late iterations started against their intended start
 * @param outcomes measured iterations by outcome
 * @param errors the first distinct failure messages, with counts
 * @param endpoints per-endpoint figures, by request name
 * @param thresholds every declared threshold with its verdict
 * @param generatorShortfall a sentence saying the generator fell short, or empty
 * @param passed whether every threshold held and the generator delivered the load
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
        List<ThresholdResult> thresholds,
        String generatorShortfall,
        boolean passed) {

    /**
     * The plan of a run, after the duration scale.
     *
     * @param rps arrivals per second
     * @param durationSeconds length of the schedule, warm-up included
     * @param warmupSeconds length of the warm-up
     * @param timeoutSeconds request timeout and drain limit
     * @param maxInFlight the most iterations at once
     * @param durationScale the factor applied to duration and warm-up
     * @param baseUrl the base URL, or empty
     * @param workers {@code "virtual"} or {@code "platform"}
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Configuration(
            double rps,
            double durationSeconds,
            double warmupSeconds,
            double timeoutSeconds,
            int maxInFlight,
            double durationScale,
            String baseUrl,
            String workers) {}

    /**
     * How many arrivals and iterations the run had.
     *
     * @param scheduled arrivals due within the duration
     * @param sent arrivals that started an iteration
     * @param dropped arrivals never started, because the run ended first
     * @param late arrivals that waited for a free worker
     * @param warmup iterations of the warm-up, left out of the figures
     * @param measured iterations and dropped arrivals after the warm-up
     * @param failed of those, the ones that did not succeed
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Counts(long scheduled, long sent, long dropped, long late, long warmup, long measured, long failed) {}
}
