package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.plan.Threshold;
import io.github.junitloadtest.internal.record.LatencyDistribution;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides each threshold from the measured figures.
 *
 * <p>Every limit is exclusive: a value exactly at a latency or error-rate limit fails, as does a
 * throughput exactly at its floor. A latency threshold with no samples fails, so a run in which
 * nothing answered can never pass.
 */
public final class ThresholdEvaluator {

    /**
     * The measured figures thresholds are decided on.
     *
     * @param corrected corrected latency of the measured window
     * @param outcomes measured iterations by outcome
     * @param windowSeconds length of the measured window
     * @param rps the requested arrival rate, for messages
     */
    public record Measurements(LatencyDistribution corrected, Map<Outcome, Long> outcomes, double windowSeconds,
            double rps) {

        long iterations() {
            return outcomes.values().stream().mapToLong(Long::longValue).sum();
        }

        long failed() {
            return iterations() - outcomes.getOrDefault(Outcome.SUCCESS, 0L);
        }

        String load() {
            return Numbers.format(rps, 3) + " req/s for " + Numbers.format(windowSeconds, 3) + " s";
        }

        String failureBreakdown() {
            return outcomes.entrySet().stream()
                    .filter(entry -> !entry.getKey().isSuccess() && entry.getValue() > 0)
                    .map(entry -> entry.getValue() + " " + entry.getKey())
                    .collect(Collectors.joining(", "));
        }
    }

    private ThresholdEvaluator() {}

    /**
     * Decides every threshold.
     *
     * @param thresholds the declared thresholds
     * @param measured the figures
     * @return one result per threshold, in declaration order
     */
    public static List<ThresholdResult> evaluate(List<Threshold> thresholds, Measurements measured) {
        return thresholds.stream().map(threshold -> evaluate(threshold, measured)).toList();
    }

    static ThresholdResult evaluate(Threshold threshold, Measurements measured) {
        switch (threshold.kind()) {
            case PERCENTILE:
                return latency(Numbers.percentileLabel(threshold.percentile()) + " latency", threshold,
                        measured.corrected().percentileMillis(threshold.percentile()), measured,
                        tooFewSamplesNote(threshold.percentile(), measured.corrected()));
            case MAX:
                return latency("max latency", threshold, measured.corrected().maxMillis(), measured, "");
            case MEAN:
                return latency("mean latency", threshold, measured.corrected().meanMillis(), measured, "");
            case ERROR_RATE:
                return errorRate(threshold, measured);
            case THROUGHPUT:
                return throughput(threshold, measured);
            default:
                throw new IllegalStateException("unknown threshold kind " + threshold.kind());
        }
    }

    private static ThresholdResult latency(String metric, Threshold threshold, double actual, Measurements measured,
            String note) {
        long n = measured.corrected().count();
        String limit = Numbers.millis(threshold.limit()) + " ms";
        if (n == 0) {
            String message = metric + " has no samples to hold below " + limit + ": " + noSamplesReason(measured)
                    + " (" + measured.load() + ")";
            return new ThresholdResult(metric, "<", threshold.limit(), 0, "ms", 0, false, message);
        }
        boolean passed = actual < threshold.limit();
        String details = " (n=" + n + ", " + measured.load() + note + ")";
        String message = metric + " " + Numbers.millis(actual) + " ms " + (passed ? "stayed below " : "exceeded ")
                + limit + details;
        return new ThresholdResult(metric, "<", threshold.limit(), actual, "ms", n, passed, message);
    }

    private static ThresholdResult errorRate(Threshold threshold, Measurements measured) {
        long iterations = measured.iterations();
        long failed = measured.failed();
        String limit = Numbers.format(threshold.limit(), 3) + " %";
        if (iterations == 0) {
            String message = "error rate has no samples to hold below " + limit + ": no iteration was measured ("
                    + measured.load() + ")";
            return new ThresholdResult("error rate", "<", threshold.limit(), 0, "%", 0, false, message);
        }
        double rate = 100.0 * failed / iterations;
        boolean passed = threshold.limit() == 0 ? failed == 0 : rate < threshold.limit();
        String breakdown = failed == 0 ? "" : ": " + measured.failureBreakdown();
        String verdict = passed ? (threshold.limit() == 0 ? "within " : "stayed below ") : "exceeded ";
        String message = "error rate " + Numbers.format(rate, 3) + " % " + verdict + limit + " (" + failed + " of " + iterations + " iterations failed" + breakdown + "; "
                + measured.load() + ")";
        return new ThresholdResult("error rate", "<", threshold.limit(), rate, "%", iterations, passed, message);
    }

    private static ThresholdResult throughput(Threshold threshold, Measurements measured) {
        long successes = measured.outcomes().getOrDefault(Outcome.SUCCESS, 0L);
        double actual = successes / measured.windowSeconds();
        boolean passed = actual > threshold.limit();
        String message = "throughput " + Numbers.format(actual, 2) + " req/s "
                + (passed ? "stayed above " : "fell short of ") + Numbers.format(threshold.limit(), 3) + " req/s ("
                + successes + " successful iterations in " + Numbers.format(measured.windowSeconds(), 3) + " s)";
        return new ThresholdResult("throughput", ">", threshold.limit(), actual, "req/s", successes, passed, message);
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
        long iterations = measured.iterations();
        if (iterations == 0) {
            return "no iteration was measured";
        }
        return "all " + iterations + " measured iterations failed without a response (" + measured.failureBreakdown()
                + ")";
    }
}
