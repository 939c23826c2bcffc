package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.LatencySummary;
import io.github.junitloadtest.api.PercentilePoint;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** A read-only view of recorded latencies, in milliseconds. */
public final class LatencyDistribution {

    private final Histogram histogram;
    private final double meanMicros;

    /**
     * A distribution whose mean is given exactly; bucket midpoints could understate it.
     *
     * @param histogram the samples in microseconds
     * @param meanMicros the exact mean of the recorded microseconds
     */
    LatencyDistribution(Histogram histogram, double meanMicros) {
        this.histogram = histogram;
        this.meanMicros = meanMicros;
    }

    /** How many samples. */
    public long count() {
        return histogram.getTotalCount();
    }

    /**
     * The percentile as the upper bound of the bucket holding it, so it never understates.
     *
     * @param percentile in (0, 100]
     * @return milliseconds, or zero with no samples
     */
    public double percentileMillis(double percentile) {
        if (count() == 0) {
            return 0;
        }
        // getValueAtPercentile already reports the highest value equivalent to the bucket's values.
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * How many samples lie above the percentile's rank: {@code n − ceil(p × n / 100)}. Zero means the
     * percentile is the maximum, and the sample count cannot resolve it.
     *
     * @param percentile in (0, 100]
     * @return samples strictly beyond the percentile's rank
     */
    public long samplesBeyond(double percentile) {
        long n = count();
        long rank = (long) Math.ceil(percentile / 100.0 * n - 1e-9);
        return Math.max(0, n - Math.max(rank, 1));
    }

    /** The largest sample, as its bucket's upper bound. */
    public double maxMillis() {
        return count() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }

    /** The arithmetic mean of the recorded values, exact rather than from bucket midpoints. */
    public double meanMillis() {
        return count() == 0 ? 0 : meanMicros / 1000.0;
    }

    /**
     * The percentile spectrum, as HdrHistogram plots it: values at percentiles that close in on 100
     * in halving steps (50, 75, 87.5, …), ending at the maximum.
     *
     * @return points of percentile and milliseconds, in increasing order
     */
    public List<PercentilePoint> spectrum() {
        List<PercentilePoint> points = new ArrayList<>();
        if (count() == 0) {
            return points;
        }
        for (HistogramIterationValue value : histogram.percentiles(5)) {
            double percentile = value.getPercentileLevelIteratedTo();
            points.add(new PercentilePoint(percentile,
                    histogram.highestEquivalentValue(value.getValueIteratedTo()) / 1000.0));
            if (percentile >= 100) {
                break;
            }
        }
        return points;
    }

    /** The usual percentiles. */
    public LatencySummary summary() {
        if (count() == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(count(), percentileMillis(50), percentileMillis(90), percentileMillis(95),
                percentileMillis(99), percentileMillis(99.9), maxMillis(), meanMillis());
    }
}
