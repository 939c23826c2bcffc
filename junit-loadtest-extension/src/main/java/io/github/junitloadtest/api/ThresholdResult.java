package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One threshold of a load test with its limit, the measured value and the verdict.
 *
 * @param metric what was measured, for example {@code "p95 latency"} or {@code "error rate"}
 * @param scope what it was measured on: empty for the whole run, {@code "phase spike"} or
 *     {@code "endpoint GET /api/templates"}
 * @param comparison {@code "<"} or {@code ">"}: the side of the limit the value must be on
 * @param limit the declared limit, in {@code unit}
 * @param actual the measured value, in {@code unit}
 * @param unit {@code "ms"}, {@code "%"} or {@code "req/s"}
 * @param sampleSize how many samples the value rests on
 * @param passed whether the threshold held
 * @param message the sentence a failure reports, e.g. {@code "p95 latency 612.863 ms exceeded 500 ms (n=1002, ...)"}
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ThresholdResult(
        String metric,
        String scope,
        String comparison,
        double limit,
        double actual,
        String unit,
        long sampleSize,
        boolean passed,
        String message) {}
