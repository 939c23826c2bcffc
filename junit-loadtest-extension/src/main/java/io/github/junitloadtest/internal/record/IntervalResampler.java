package io.github.junitloadtest.internal.record;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * How sure a run's percentile or mean is, from the run's own intervals: a circular block bootstrap
 * (Künsch; Politis and Romano) draws blocks of consecutive intervals, wrapping around the end, adds
 * their histograms exactly and reads the figure from each sum. Blocks keep a run's bursts (a stall,
 * a pause) together, which an interval of single samples would spread out and so understate.
 *
 * <p>The intervals are decoded once into their recorded values; each replicate adds only those, so
 * a thousand replicates of a minute's intervals take milliseconds.
 */
public final class IntervalResampler {

    private final long[][] values;
    private final long[][] counts;
    private final long[] totals;
    private final Histogram scratch = new Histogram(LatencyDistribution.SIGNIFICANT_DIGITS);

    /**
     * The intervals to draw from, in time order.
     *
     * @param intervals each interval's corrected latencies, say
     */
    public IntervalResampler(List<LatencyDistribution> intervals) {
        values = new long[intervals.size()][];
        counts = new long[intervals.size()][];
        totals = new long[intervals.size()];
        for (int i = 0; i < intervals.size(); i++) {
            AbstractHistogram histogram = intervals.get(i).histogram();
            int distinct = 0;
            for (HistogramIterationValue ignored : histogram.recordedValues()) {
                distinct++;
            }
            values[i] = new long[distinct];
            counts[i] = new long[distinct];
            int k = 0;
            for (HistogramIterationValue value : histogram.recordedValues()) {
                values[i][k] = value.getValueIteratedTo();
                counts[i][k++] = value.getCountAtValueIteratedTo();
            }
            totals[i] = intervals.get(i).totalMicros();
        }
    }

    /**
     * The figure of each of {@code replicates} resampled runs, sorted.
     *
     * @param figure which figure
     * @param blockIntervals how many consecutive intervals a block holds, at least 1
     * @param replicates how many resampled runs
     * @param seed the random draws' seed, so that the same run gives the same bounds
     * @return the replicates' figures in milliseconds, ascending; replicates without samples left out
     */
    public double[] replicates(Figure figure, int blockIntervals, int replicates, long seed) {
        int n = values.length;
        if (n == 0) {
            return new double[0];
        }
        int block = Math.max(1, Math.min(blockIntervals, n));
        int blocks = (n + block - 1) / block;
        SplittableRandom random = new SplittableRandom(seed);
        double[] figures = new double[replicates];
        int kept = 0;
        for (int r = 0; r < replicates; r++) {
            scratch.reset();
            long total = 0;
            for (int b = 0; b < blocks; b++) {
                int start = random.nextInt(n);
                for (int k = 0; k < block; k++) {
                    int interval = (start + k) % n;
                    long[] intervalValues = values[interval];
                    long[] intervalCounts = counts[interval];
                    for (int v = 0; v < intervalValues.length; v++) {
                        scratch.recordValueWithCount(intervalValues[v], intervalCounts[v]);
                    }
                    total += totals[interval];
                }
            }
            if (scratch.getTotalCount() > 0) {
                figures[kept++] = figure.of(scratch, total) / 1000.0;
            }
        }
        double[] sorted = Arrays.copyOf(figures, kept);
        Arrays.sort(sorted);
        return sorted;
    }

    /** A figure read from a histogram of microseconds and the exact sum of its samples. */
    @FunctionalInterface
    public interface Figure {

        /** The figure in microseconds. */
        double of(AbstractHistogram histogram, long totalMicros);

        /** A percentile, from 0 to 100. */
        static Figure percentile(double percentile) {
            return (histogram, total) -> histogram.getValueAtPercentile(percentile);
        }

        /** The exact mean. */
        static Figure mean() {
            return (histogram, total) -> (double) total / histogram.getTotalCount();
        }
    }

    /**
     * Distribution-free bounds of a percentile of independent samples: the ranks {@code l < u}
     * around {@code n·q} between which the true percentile lies with at least the confidence asked
     * (binomial order statistics, Hahn and Meeker), read from the histogram's bucket edges outwards.
     *
     * @param distribution the samples
     * @param percentile from 0 to 100
     * @param confidence two-sided, for example 0.98 for one-sided 0.99 bounds on each side
     * @return {@code {lower, upper}} in milliseconds; empty when there are no samples
     */
    public static double[] orderStatisticBounds(
            LatencyDistribution distribution, double percentile, double confidence) {
        AbstractHistogram histogram = distribution.histogram();
        long n = histogram.getTotalCount();
        if (n == 0) {
            return new double[0];
        }
        // The ranks l and u with P(X(l) <= true quantile <= X(u)) >= confidence, X(k) the k-th smallest sample.
        BinomialDistribution below = BinomialDistribution.of((int) Math.min(n, Integer.MAX_VALUE), percentile / 100);
        double tail = (1 - confidence) / 2;
        long lowerRank = Math.max(1, below.inverseCumulativeProbability(tail));
        long upperRank = Math.min(n, below.inverseCumulativeProbability(1 - tail) + 1L);
        long lower = histogram.lowestEquivalentValue(histogram.getValueAtPercentile(100.0 * lowerRank / n));
        long upper = histogram.highestEquivalentValue(histogram.getValueAtPercentile(100.0 * upperRank / n));
        return new double[] {lower / 1000.0, upper / 1000.0};
    }
}
