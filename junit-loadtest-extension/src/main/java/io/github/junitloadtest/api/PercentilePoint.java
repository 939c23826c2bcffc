package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One point of a percentile spectrum: the latency at or below which a share of samples lies.
 *
 * @param percentile from 0 to 100
 * @param millis the latency, as the upper bound of its histogram bucket
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PercentilePoint(double percentile, double millis) {}
