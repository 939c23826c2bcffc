package io.github.junitloadtest.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalResamplerTests {

    /** Sixty intervals of a hundred samples each, uniform from 1 to 100 ms: p95 is 95 ms. */
    private static List<LatencyDistribution> uniform(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LatencyDistribution> intervals = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Histogram histogram = new Histogram(LatencyDistribution.SIGNIFICANT_DIGITS);
            long total = 0;
            for (int k = 0; k < 100; k++) {
                long micros = 1000L * (1 + random.nextInt(100));
                histogram.recordValue(micros);
                total += micros;
            }
            intervals.add(new LatencyDistribution(histogram, total));
        }
        return intervals;
    }

    private static LatencyDistribution sum(List<LatencyDistribution> intervals) {
        return intervals.stream().reduce(LatencyDistribution.EMPTY, LatencyDistribution::plus);
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.ceil(q * sorted.length) - 1];
    }

    @Test
    void theBootstrapOfIndependentIntervalsCoversTheTruePercentileAsNarrowlyAsTheOrderStatistics() {
        List<LatencyDistribution> intervals = uniform(7);

        double[] replicates =
                new IntervalResampler(intervals).replicates(IntervalResampler.Figure.percentile(95), 5, 1000, 42);
        double[] exact = IntervalResampler.orderStatisticBounds(sum(intervals), 95, 0.98);

        assertThat(replicates).hasSize(1000);
        double lower = quantile(replicates, 0.01);
        double upper = quantile(replicates, 0.99);
        assertThat(lower).isLessThanOrEqualTo(95.1);
        assertThat(upper).isGreaterThanOrEqualTo(94.9);
        // 6000 samples: both intervals span a few ranks of a 1 ms grid around 95 ms.
        assertThat(exact[0]).isBetween(93.0, 95.0);
        assertThat(exact[1]).isBetween(95.0, 97.1);
        assertThat(upper - lower).isLessThan(2 * (exact[1] - exact[0]) + 1);
    }

    @Test
    void aStallInFiveConsecutiveIntervalsWidensTheBootstrapBeyondTheOrderStatistics() {
        List<LatencyDistribution> intervals = new ArrayList<>(uniform(7));
        for (int i = 30; i < 35; i++) {
            Histogram stalled = new Histogram(LatencyDistribution.SIGNIFICANT_DIGITS);
            stalled.recordValueWithCount(2_000_000, 100);
            intervals.set(i, new LatencyDistribution(stalled, 200_000_000));
        }

        double[] replicates =
                new IntervalResampler(intervals).replicates(IntervalResampler.Figure.percentile(95), 5, 1000, 42);
        double[] exact = IntervalResampler.orderStatisticBounds(sum(intervals), 95, 0.98);

        // Resampled runs hold the stall's block zero, one or more times: p95 moves from ~94 ms to 2 s.
        assertThat(quantile(replicates, 0.99) - quantile(replicates, 0.01)).isGreaterThan(10 * (exact[1] - exact[0]));
    }

    @Test
    void theSameSeedGivesTheSameReplicatesAndTheMeanIsExact() {
        List<LatencyDistribution> intervals = uniform(3);
        IntervalResampler resampler = new IntervalResampler(intervals);

        assertThat(resampler.replicates(IntervalResampler.Figure.mean(), 5, 200, 9))
                .containsExactly(resampler.replicates(IntervalResampler.Figure.mean(), 5, 200, 9));
        // One block covering every interval: each replicate is the whole run, its mean exact.
        assertThat(resampler.replicates(IntervalResampler.Figure.mean(), 60, 3, 1))
                .containsOnly(sum(intervals).meanMillis());
    }
}
