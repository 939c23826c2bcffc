package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * One interval of a run (a second by default), by completion time: iterations that ended in it.
 *
 * @param endSeconds the interval's end, in seconds after the run's start
 * @param iterations iterations that ended in the interval, failed ones included, warm-up excluded
 * @param failures of those, the ones that failed
 * @param p50Millis corrected median of the interval
 * @param p95Millis corrected 95th percentile of the interval
 * @param p99Millis corrected 99th percentile of the interval
 * @param serviceP50Millis service-time median of the interval
 * @param serviceP95Millis service-time 95th percentile of the interval
 * @param serviceP99Millis service-time 99th percentile of the interval
 * @param maxMillis corrected maximum of the interval
 * @param windowP95Millis corrected 95th percentile over the sliding window ending here
 * @param windowSamples samples in that window
 * @param windowFailures failed iterations in that window
 * @param failuresByOutcome the interval's failures by outcome, only outcomes that occurred
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TimelinePoint(
        double endSeconds,
        long iterations,
        long failures,
        double p50Millis,
        double p95Millis,
        double p99Millis,
        double serviceP50Millis,
        double serviceP95Millis,
        double serviceP99Millis,
        double maxMillis,
        double windowP95Millis,
        long windowSamples,
        long windowFailures,
        Map<Outcome, Long> failuresByOutcome) {}
