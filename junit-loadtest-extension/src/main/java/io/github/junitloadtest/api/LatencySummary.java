package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Latency percentiles of one population of samples, in milliseconds.
 *
 * <p>Each percentile is the upper bound of the histogram bucket that holds it (at least three
 * significant digits), so it never understates the true value. With no samples every figure is
 * zero and {@link #count()} says so.
 *
 * @param count how many samples
 * @param p50Millis median
 * @param p90Millis 90th percentile
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param maxMillis largest sample
 * @param meanMillis arithmetic mean
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LatencySummary(
        long count,
        double p50Millis,
        double p90Millis,
        double p95Millis,
        double p99Millis,
        double p999Millis,
        double maxMillis,
        double meanMillis) {

    /** A summary of no samples. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
}
