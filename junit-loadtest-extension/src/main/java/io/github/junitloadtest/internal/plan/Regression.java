package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.NoRegression;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One {@code @NoRegression}: which figure, how much worse it may get, how sure the run must be.
 *
 * @param metric the figure
 * @param tolerance how much worse it may be: a fraction (0.1 for 10 %) for latency and throughput,
 *     percentage points for the error rate
 * @param minDelta the smallest absolute worsening of a latency that can fail; zero for none
 * @param confidence the one-sided confidence of the run's bound
 * @param key the history compared with
 * @param history how many recorded passing runs make the baseline
 * @param minHistory the fewest recorded runs a comparison needs
 * @param failInconclusive whether an inconclusive comparison fails
 * @param confirmRuns how many more runs a regression is measured before it fails
 */
public record Regression(
        NoRegression.Metric metric,
        double tolerance,
        Duration minDelta,
        double confidence,
        String key,
        int history,
        int minHistory,
        boolean failInconclusive,
        int confirmRuns) {

    /** Whether a higher figure is worse: latency and the error rate; throughput is worse lower. */
    public boolean higherIsWorse() {
        return metric != NoRegression.Metric.THROUGHPUT;
    }

    /** Whether the figure is a latency. */
    public boolean isLatency() {
        return higherIsWorse() && metric != NoRegression.Metric.ERROR_RATE;
    }

    /** {@code "p95 latency"}, {@code "error rate"}, as the messages name the figure. */
    public String figure() {
        return switch (metric) {
            case P50 -> "p50 latency";
            case P90 -> "p90 latency";
            case P95 -> "p95 latency";
            case P99 -> "p99 latency";
            case P999 -> "p99.9 latency";
            case MEAN -> "mean latency";
            case ERROR_RATE -> "error rate";
            case THROUGHPUT -> "throughput";
        };
    }

    /**
     * The regression gate of a test: its comparisons and where runs are kept.
     *
     * @param checks the comparisons, in the order declared
     * @param dir the folder of recorded runs
     * @param record which runs to record
     * @param enabled whether comparisons are made
     * @param environment the environment label given, or empty for the default one
     */
    public record Gate(
            List<Regression> checks, Path dir, RecordPolicy record, boolean enabled, Optional<String> environment) {

        /** No comparisons; nothing recorded. */
        public static final Gate NONE =
                new Gate(List.of(), Path.of(RegressionReader.DEFAULT_DIR), RecordPolicy.NEVER, true, Optional.empty());

        public Gate {
            checks = List.copyOf(checks);
        }

        /** The most runs any of its comparisons measures again to confirm a regression. */
        public int confirmRuns() {
            return checks.stream().mapToInt(Regression::confirmRuns).max().orElse(0);
        }

        /** Whether a run of this verdict is recorded. */
        public boolean records(boolean passed) {
            return !checks.isEmpty() && (record == RecordPolicy.ALWAYS || (record == RecordPolicy.ON_PASS && passed));
        }
    }

    /** Which runs are recorded as baselines. */
    public enum RecordPolicy {
        /** None: the default, so that a run in the IDE never writes. */
        NEVER,
        /** Those that passed. */
        ON_PASS,
        /** Every run; a failed one is kept but never part of a baseline. */
        ALWAYS
    }
}
