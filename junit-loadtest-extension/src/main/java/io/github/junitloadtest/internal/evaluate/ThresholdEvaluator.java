package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.Threshold;
import io.github.junitloadtest.internal.record.LatencyDistribution;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides a threshold on one set of measurements: the whole run, a phase or an endpoint.
 *
 * <p>Every limit is exclusive: a value exactly at a latency or error-rate limit fails, as does a
 * throughput exactly at its floor. A latency threshold with no samples fails, so a run in which
 * nothing answered can never pass.
 */
public final class ThresholdEvaluator {

    /**
     * The figures a threshold is decided on.
     *
     * @param scope empty for the whole run, else {@code "phase spike"} or {@code "endpoint GET /x"}
     * @param corrected corrected latency
     * @param total iterations (or requests, for an endpoint) measured
     * @param successes of those, the successful ones
     * @param breakdown the failures by class, e.g. {@code "20 HTTP_5XX, 5 TIMEOUT"}; empty when not known
     * @param windowSeconds length of the window the figures cover
     * @param load the load in words, for messages, e.g. {@code "16.7 req/s for 60 s"}
     * @param unit what is counted: {@code "iterations"} or {@code "requests"}
     */
    public record Measurements(
            String scope,
            LatencyDistribution corrected,
            long total,
            long successes,
            String breakdown,
            double windowSeconds,
            String load,
            String unit) {

        /** Figures of iterations whose outcomes are known, so failures are broken down by class. */
        public static Measurements of(
                String scope,
                LatencyDistribution corrected,
                Map<Outcome, Long> outcomes,
                double windowSeconds,
                String load) {
            long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
            String breakdown = outcomes.entrySet().stream()
                    .filter(entry -> !entry.getKey().isSuccess() && entry.getValue() > 0)
                    .map(entry -> entry.getValue() + " " + entry.getKey())
                    .collect(Collectors.joining(", "));
            return new Measurements(
                    scope,
                    corrected,
                    total,
                    outcomes.getOrDefault(Outcome.SUCCESS, 0L),
                    breakdown,
                    windowSeconds,
                    load,
                    "iterations");
        }

        long failed() {
            return total - successes;
        }

        String label(String metric) {
            if (scope.isEmpty()) {
                return metric;
            }
            return scope.startsWith("endpoint ") ? metric + " of " + scope.substring(9) : metric + " in " + scope;
        }
    }

    private ThresholdEvaluator() {}

    /**
     * Decides one threshold.
     *
     * @param threshold the threshold
     * @param measured the figures of its scope
     * @return the verdict with its message
     */
    public static ThresholdResult evaluate(Threshold threshold, Measurements measured) {
        return switch (threshold.kind()) {
            case PERCENTILE ->
                latency(
                        Numbers.percentileLabel(threshold.percentile()) + " latency",
                        threshold,
                        measured.corrected().percentileMillis(threshold.percentile()),
                        measured,
                        tooFewSamplesNote(threshold.percentile(), measured.corrected()));
            case MAX -> latency("max latency", threshold, measured.corrected().maxMillis(), measured, "");
            case MEAN -> latency("mean latency", threshold, measured.corrected().meanMillis(), measured, "");
            case ERROR_RATE -> errorRate(threshold, measured);
            case THROUGHPUT -> throughput(threshold, measured);
            default -> throw new IllegalArgumentException(threshold.kind() + " is not decided on measurements");
        };
    }

    private static ThresholdResult latency(
            String metric, Threshold threshold, double actual, Measurements measured, String note) {
        long n = measured.corrected().count();
        String label = measured.label(metric);
        String limit = Numbers.millis(threshold.limit()) + " ms";
        if (n == 0) {
            String message = label + " has no samples to hold below " + limit + ": " + noSamplesReason(measured) + " ("
                    + measured.load() + ")";
            return new ThresholdResult(metric, measured.scope(), "<", threshold.limit(), 0, "ms", 0, false, message);
        }
        boolean passed = actual < threshold.limit();
        String message = label + " " + Numbers.millis(actual) + " ms " + (passed ? "stayed below " : "exceeded ")
                + limit + " (n=" + n + ", " + measured.load() + note + ")";
        return new ThresholdResult(metric, measured.scope(), "<", threshold.limit(), actual, "ms", n, passed, message);
    }

    private static ThresholdResult errorRate(Threshold threshold, Measurements measured) {
        long total = measured.total();
        long failed = measured.failed();
        String label = measured.label("error rate");
        String limit = Numbers.format(threshold.limit(), 3) + " %";
        if (total == 0) {
            String message = label + " has no samples to hold below " + limit + ": no " + measured.unit()
                    + " was measured (" + measured.load() + ")";
            return new ThresholdResult(
                    "error rate", measured.scope(), "<", threshold.limit(), 0, "%", 0, false, message);
        }
        double rate = 100.0 * failed / total;
        boolean passed = threshold.limit() == 0 ? failed == 0 : rate < threshold.limit();
        String verdict = passed ? (threshold.limit() == 0 ? "within " : "stayed below ") : "exceeded ";
        String breakdown = measured.breakdown();
        String message = label + " " + Numbers.format(rate, 3) + " % " + verdict + limit + " (" + failed + " of "
                + total
                + " " + measured.unit() + " failed" + (failed == 0 || breakdown.isEmpty() ? "" : ": " + breakdown)
                + "; " + measured.load() + ")";
        // A limit of 0 admits exactly 0: shown as "≤ 0", not as an impossible "< 0".
        return new ThresholdResult(
                "error rate",
                measured.scope(),
                threshold.limit() == 0 ? "≤" : "<",
                threshold.limit(),
                rate,
                "%",
                total,
                passed,
                message);
    }

    private static ThresholdResult throughput(Threshold threshold, Measurements measured) {
        long successes = measured.successes();
        double actual = successes / measured.windowSeconds();
        boolean passed = actual > threshold.limit();
        String message = measured.label("throughput") + " " + Numbers.format(actual, 2) + " req/s "
                + (passed ? "stayed above " : "fell short of ") + Numbers.format(threshold.limit(), 3) + " req/s ("
                + successes + " successful " + measured.unit() + " in " + Numbers.format(measured.windowSeconds(), 3)
                + " s)";
        return new ThresholdResult(
                "throughput", measured.scope(), ">", threshold.limit(), actual, "req/s", successes, passed, message);
    }

    private static String tooFewSamplesNote(double percentile, LatencyDistribution corrected) {
        if (percentile >= 100 || corrected.count() == 0 || corrected.samplesBeyond(percentile) > 0) {
            return "";
        }
        // The smallest n with a sample above the percentile's rank; the epsilon absorbs 100 / 0.1 = 1000.0000000000001.
        long needed = (long) Math.ceil(100.0 / (100.0 - percentile) - 1e-6);
        String label = Numbers.percentileLabel(percentile);
        return "; no sample lies above " + label + ", so it is the maximum: " + label + " needs at least " + needed
                + " samples";
    }

    private static String noSamplesReason(Measurements measured) {
        long total = measured.total();
        if (total == 0) {
            return "no " + measured.unit() + " was measured";
        }
        return "all " + total + " measured " + measured.unit() + " failed without a response"
                + (measured.breakdown().isEmpty() ? "" : " (" + measured.breakdown() + ")");
    }
}
