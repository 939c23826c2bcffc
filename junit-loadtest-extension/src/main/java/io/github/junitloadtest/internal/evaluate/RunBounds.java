package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.NoRegression.Metric;
import io.github.junitloadtest.internal.plan.Regression;
import io.github.junitloadtest.internal.record.IntervalResampler;
import io.github.junitloadtest.internal.record.IntervalSnapshot;
import io.github.junitloadtest.internal.record.Recording;
import io.github.junitloadtest.internal.record.RunSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How far a run's figure could plausibly be from what it measured: a circular block bootstrap over
 * its intervals (blocks of {@value #BLOCK_SECONDS} s, {@value #REPLICATES} replicates, seeded by the
 * run, so the same run gives the same bounds), for a percentile never narrower than the
 * distribution-free order-statistic bounds.
 */
final class RunBounds {

    static final int REPLICATES = 1000;
    static final int BLOCK_SECONDS = 5;

    private RunBounds() {}

    /** The run's lower and upper bounds of the figure, each one-sided at the check's confidence. */
    static double[] of(Regression check, RunSnapshot snapshot) {
        Recording recording = snapshot.recording();
        // The measured window's intervals only: those ending in the warm-up hold no measured iteration.
        double warmup = snapshot.identity().configuration().warmupSeconds();
        List<IntervalSnapshot> intervals = recording.intervals().stream()
                .filter(interval -> interval.endSeconds() > warmup + 1e-9)
                .toList();
        int block =
                (int) Math.max(1, Math.round(BLOCK_SECONDS / snapshot.identity().intervalSeconds()));
        long seed =
                snapshot.identity().test().hashCode() * 31L + snapshot.start().toEpochMilli();
        double tail = 1 - check.confidence();
        Metric metric = check.metric();
        double[] replicates;
        if (metric == Metric.ERROR_RATE || metric == Metric.THROUGHPUT) {
            replicates = countReplicates(
                    metric,
                    intervals,
                    block,
                    seed,
                    snapshot.identity().measuredWindowSeconds() / Math.max(1, intervals.size()));
        } else {
            IntervalResampler resampler = new IntervalResampler(
                    intervals.stream().map(IntervalSnapshot::corrected).toList());
            IntervalResampler.Figure figure = metric == Metric.MEAN
                    ? IntervalResampler.Figure.mean()
                    : IntervalResampler.Figure.percentile(metric.percentile());
            replicates = resampler.replicates(figure, block, REPLICATES, seed);
        }
        double current = RegressionEvaluator.value(metric, snapshot);
        double lower = replicates.length == 0 ? current : quantile(replicates, tail);
        double upper = replicates.length == 0 ? current : quantile(replicates, 1 - tail);
        if (!Double.isNaN(metric.percentile())) {
            double[] floor =
                    IntervalResampler.orderStatisticBounds(recording.corrected(), metric.percentile(), 1 - 2 * tail);
            if (floor.length == 2) {
                lower = Math.min(lower, floor[0]);
                upper = Math.max(upper, floor[1]);
            }
        }
        return new double[] {Math.min(lower, current), Math.max(upper, current)};
    }

    /**
     * Resampled error rates or throughputs; each interval stands for an equal part of the measured
     * window, so that a replicate of all intervals once gives the run's own figure.
     */
    private static double[] countReplicates(
            Metric metric, List<IntervalSnapshot> intervals, int block, long seed, double secondsPerInterval) {
        int n = intervals.size();
        if (n == 0) {
            return new double[0];
        }
        int size = Math.min(block, n);
        int blocks = (n + size - 1) / size;
        SplittableRandom random = new SplittableRandom(seed);
        double[] figures = new double[REPLICATES];
        int kept = 0;
        for (int r = 0; r < REPLICATES; r++) {
            long iterations = 0;
            long failures = 0;
            double seconds = 0;
            for (int b = 0; b < blocks; b++) {
                int start = random.nextInt(n);
                for (int k = 0; k < size; k++) {
                    IntervalSnapshot interval = intervals.get((start + k) % n);
                    iterations += interval.iterations();
                    failures += interval.failures();
                    seconds += secondsPerInterval;
                }
            }
            if (metric == Metric.ERROR_RATE && iterations > 0) {
                figures[kept++] = 100.0 * failures / iterations;
            } else if (metric == Metric.THROUGHPUT && seconds > 0) {
                figures[kept++] = (iterations - failures) / seconds;
            }
        }
        double[] sorted = Arrays.copyOf(figures, kept);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The replicates' quantile, nearest rank. */
    private static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
