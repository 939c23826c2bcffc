package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.NoRegression.Metric;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.Regression;
import io.github.junitloadtest.internal.record.BaselineRun;
import io.github.junitloadtest.internal.record.LatencyDistribution;
import io.github.junitloadtest.internal.record.Recording;
import io.github.junitloadtest.internal.record.RunSnapshot;
import java.lang.reflect.RecordComponent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a run with its recorded green runs, one {@code @NoRegression} at a time, with three
 * outcomes: regressed only when even the run's best plausible figure is worse than the baseline by
 * more than the tolerance (and the practical floor), the same when even its worst plausible figure
 * is within it, and inconclusive otherwise, or when the history, the tail samples or the plan do
 * not allow a comparison.
 *
 * <p>The baseline is the median of the newest comparable passing runs; their largest relative
 * distance from it, leaving out the farthest run when five or more are pooled, is the noise band,
 * which widens the tolerance. The run's bounds come from a
 * circular block bootstrap over its intervals ({@link RunBounds}).
 */
public final class RegressionEvaluator {

    /** The fewest samples beyond a percentile for its bounds to mean anything. */
    static final int MIN_TAIL_SAMPLES = 20;
    /** From how many pooled runs on the farthest one is left out of their spread. */
    static final int TRIM_FROM = 5;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private RegressionEvaluator() {}

    /** How a comparison came out. */
    public enum Verdict {
        /** Really worse: fails. */
        REGRESSED,
        /** Within the tolerance: passes. */
        SAME,
        /** Cannot tell: passes with a warning, unless asked to fail. */
        INCONCLUSIVE
    }

    /**
     * One comparison's outcome.
     *
     * @param check the comparison
     * @param verdict how it came out
     * @param result the row the reports show with the thresholds
     * @param shown what the reports show of it: this run against the baseline, and the runs compared with
     */
    public record Compared(Regression check, Verdict verdict, ThresholdResult result, LoadTestResult.Comparison shown) {

        /** Whether it fails the test. */
        public boolean fails() {
            return verdict == Verdict.REGRESSED || (verdict == Verdict.INCONCLUSIVE && check.failInconclusive());
        }
    }

    /**
     * Compares the run with its history for each comparison of the plan.
     *
     * @param checks the comparisons
     * @param snapshot the run
     * @param histories each comparison's history, by its key
     * @param loadApplied whether the generator delivered the load; a run that did not is not compared
     * @return the outcomes, in the order of the checks
     */
    public static List<Compared> compare(
            List<Regression> checks,
            RunSnapshot snapshot,
            Map<String, BaselineRun.History> histories,
            boolean loadApplied) {
        return checks.stream()
                .map(check -> compare(
                        check,
                        snapshot,
                        histories.getOrDefault(check.key(), BaselineRun.History.none(check.key(), "")),
                        loadApplied))
                .toList();
    }

    static Compared compare(Regression check, RunSnapshot snapshot, BaselineRun.History history, boolean loadApplied) {
        String figure = check.figure();
        double current = value(check.metric(), snapshot);
        if (!loadApplied) {
            return inconclusive(
                    check,
                    current,
                    figure + " is not compared with its baseline: the generator did not"
                            + " deliver the load, so the run says nothing about the service");
        }
        List<BaselineRun> passing =
                history.runs().stream().filter(BaselineRun::passed).toList();
        List<BaselineRun> comparable = passing.stream()
                .filter(run -> run.environment().equals(history.environment()))
                .filter(run -> run.snapshot().identity().samePlanUnderAnyName(snapshot.identity()))
                .toList();
        if (comparable.isEmpty() && !passing.isEmpty()) {
            return inconclusive(
                    check,
                    current,
                    figure + " is not compared with its baseline: the recorded runs "
                            + difference(passing.get(0), snapshot, history.environment()));
        }
        if (comparable.size() < check.minHistory()) {
            return inconclusive(
                    check,
                    current,
                    figure + " has no baseline yet: " + comparable.size() + " recorded green"
                            + " run(s) of this plan and environment in " + history.where() + ", " + check.minHistory()
                            + " needed; record passing runs with -Dloadtest.baseline.record=onPass");
        }
        Optional<String> tail = tooFewTailSamples(check.metric(), snapshot);
        if (tail.isPresent()) {
            return inconclusive(check, current, figure + " is not compared with its baseline: " + tail.get());
        }
        List<BaselineRun> used = comparable.subList(0, Math.min(check.history(), comparable.size()));
        double[] values = used.stream()
                .mapToDouble(run -> value(check.metric(), run.snapshot()))
                .sorted()
                .toArray();
        double baseline = median(values);
        boolean rate = check.metric() == Metric.ERROR_RATE;
        double[] distances = Arrays.stream(values)
                .map(value -> rate ? Math.abs(value - baseline) : baseline == 0 ? 0 : Math.abs(value / baseline - 1))
                .sorted()
                .toArray();
        // The runs' spread, without the farthest one when five or more are pooled: one outlier (a cold
        // start, a noisy neighbour) among them must not widen the tolerance until nothing can fail.
        double noise =
                distances.length == 0 ? 0 : distances[distances.length - (distances.length >= TRIM_FROM ? 2 : 1)];
        double tolerance = Math.max(check.tolerance(), noise);
        double[] bounds = RunBounds.of(check, snapshot);
        // The run's most and least favourable plausible figures, and their worsening as a positive number:
        // relative for latency and throughput, in points for the error rate.
        double bestValue = check.higherIsWorse() ? bounds[0] : bounds[1];
        double worstValue = check.higherIsWorse() ? bounds[1] : bounds[0];
        double best = worsening(check, bestValue, baseline);
        double worst = worsening(check, worstValue, baseline);
        boolean practical =
                !check.isLatency() || current - baseline > check.minDelta().toNanos() / 1e6;
        Verdict verdict = best > tolerance && practical
                ? Verdict.REGRESSED
                : worst <= tolerance || best > tolerance ? Verdict.SAME : Verdict.INCONCLUSIVE;
        String context = baselineWords(used, snapshot);
        String message = message(
                check,
                verdict,
                current,
                baseline,
                bestValue,
                worstValue,
                tolerance,
                !practical && best > tolerance,
                context);
        double limit = rate
                ? baseline + tolerance
                : check.higherIsWorse() ? baseline * (1 + tolerance) : baseline * (1 - tolerance);
        boolean passed =
                !(verdict == Verdict.REGRESSED || (verdict == Verdict.INCONCLUSIVE && check.failInconclusive()));
        List<LoadTestResult.Comparison.Recorded> runs = used.stream()
                .map(run -> new LoadTestResult.Comparison.Recorded(
                        run.recordedAt().toString(), run.commit(), value(check.metric(), run.snapshot())))
                .toList();
        return new Compared(
                check,
                verdict,
                new ThresholdResult(
                        figure + " vs baseline",
                        "whole run",
                        check.higherIsWorse() ? "≤" : "≥",
                        limit,
                        current,
                        unit(check),
                        sampleSize(check.metric(), snapshot),
                        passed,
                        message),
                new LoadTestResult.Comparison(
                        figure,
                        verdict.name().toLowerCase(java.util.Locale.ROOT),
                        current,
                        baseline,
                        bounds[0],
                        bounds[1],
                        rate ? tolerance : tolerance * 100,
                        limit,
                        unit(check),
                        runs,
                        message));
    }

    private static Compared inconclusive(Regression check, double current, String message) {
        String said = message + (check.failInconclusive() ? " (onInconclusive = FAIL)" : "; not failing");
        // No limit: there is no baseline to derive one from.
        return new Compared(
                check,
                Verdict.INCONCLUSIVE,
                new ThresholdResult(
                        check.figure() + " vs baseline",
                        "whole run",
                        "",
                        0,
                        current,
                        unit(check),
                        0,
                        !check.failInconclusive(),
                        said),
                new LoadTestResult.Comparison(
                        check.figure(),
                        "inconclusive",
                        current,
                        null,
                        null,
                        null,
                        null,
                        null,
                        unit(check),
                        List.of(),
                        said));
    }

    private static String message(
            Regression check,
            Verdict verdict,
            double current,
            double baseline,
            double best,
            double worst,
            double tolerance,
            boolean beyondOnlyRelatively,
            String context) {
        boolean rate = check.metric() == Metric.ERROR_RATE;
        String now = format(check, current);
        String base = format(check, baseline);
        String confidence = Numbers.format(check.confidence() * 100, 3) + " %";
        String allowed = (rate ? Numbers.format(tolerance, 3) + " pp" : percent(tolerance))
                + (tolerance > check.tolerance()
                        ? " (" + (rate ? Numbers.format(check.tolerance(), 3) + " pp" : percent(check.tolerance()))
                                + " widened to the baseline runs' own spread)"
                        : "");
        String shift = change(check, current, baseline);
        return switch (verdict) {
            case REGRESSED ->
                check.figure() + " regressed: " + now + " vs baseline " + base + " (" + shift + ", "
                        + confidence + " bound " + change(check, best, baseline) + ") exceeds tolerance " + allowed
                        + " ("
                        + context + ")";
            case SAME ->
                beyondOnlyRelatively
                        ? check.figure() + " " + now + " is " + shift + " against baseline " + base + ", but only "
                                + Numbers.millis(current - baseline) + " ms, within minDelta "
                                + Numbers.millis(check.minDelta().toNanos() / 1e6) + " ms (" + context + ")"
                        : check.figure() + " " + now + " is within " + allowed + " of baseline " + base + " (" + shift
                                + ", " + confidence + " bound " + change(check, worst, baseline) + "; " + context + ")";
            case INCONCLUSIVE ->
                check.figure() + " " + now + " is " + shift + " against baseline " + base + " ("
                        + confidence + " bounds " + change(check, Math.min(best, worst), baseline) + " … "
                        + change(check, Math.max(best, worst), baseline) + "), inconclusive against tolerance "
                        + allowed
                        + (check.failInconclusive() ? " (onInconclusive = FAIL)" : "; not failing") + " (" + context
                        + ")";
        };
    }

    /** How much worse the value is than the baseline: relative, or in points for the error rate. */
    private static double worsening(Regression check, double value, double baseline) {
        if (check.metric() == Metric.ERROR_RATE) {
            return value - baseline;
        }
        if (baseline == 0) {
            return value == 0 ? 0 : value > 0 == check.higherIsWorse() ? Double.POSITIVE_INFINITY : 0;
        }
        return check.higherIsWorse() ? value / baseline - 1 : 1 - value / baseline;
    }

    /** The figure of a run: milliseconds, percent of iterations, or successful iterations per second. */
    static double value(Metric metric, RunSnapshot snapshot) {
        Recording recording = snapshot.recording();
        LatencyDistribution corrected = recording.corrected();
        long measured = recording.outcomes().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long successes = recording.outcomes().getOrDefault(Outcome.SUCCESS, 0L);
        return switch (metric) {
            case MEAN -> corrected.meanMillis();
            case ERROR_RATE -> measured == 0 ? 0 : 100.0 * (measured - successes) / measured;
            case THROUGHPUT -> successes / snapshot.identity().measuredWindowSeconds();
            default -> corrected.percentileMillis(metric.percentile());
        };
    }

    private static Optional<String> tooFewTailSamples(Metric metric, RunSnapshot snapshot) {
        if (Double.isNaN(metric.percentile())) {
            return Optional.empty();
        }
        long n = snapshot.recording().corrected().count();
        double beyond = n * (1 - metric.percentile() / 100);
        if (beyond >= MIN_TAIL_SAMPLES) {
            return Optional.empty();
        }
        long needed = (long) Math.ceil(MIN_TAIL_SAMPLES / (1 - metric.percentile() / 100) - 1e-9);
        return Optional.of(Numbers.format(beyond, 1) + " of its " + n + " samples lie above p"
                + Numbers.format(metric.percentile(), 3) + ", and its bounds need at least " + MIN_TAIL_SAMPLES + " ("
                + needed + " samples)");
    }

    private static long sampleSize(Metric metric, RunSnapshot snapshot) {
        return metric == Metric.ERROR_RATE || metric == Metric.THROUGHPUT
                ? snapshot.recording().outcomes().values().stream()
                        .mapToLong(Long::longValue)
                        .sum()
                : snapshot.recording().corrected().count();
    }

    /** What differs between a recorded run and this one: the environment, or the first field of the plan. */
    private static String difference(BaselineRun recorded, RunSnapshot snapshot, String environment) {
        if (!recorded.environment().equals(environment)) {
            return "ran in another environment: [" + recorded.environment() + "], this run in [" + environment
                    + "]; name one with -Dloadtest.baseline.environment to compare across them";
        }
        LoadTestResult.Configuration was = recorded.snapshot().identity().configuration();
        LoadTestResult.Configuration now = snapshot.identity().configuration();
        for (RecordComponent component : LoadTestResult.Configuration.class.getRecordComponents()) {
            if (component.getName().equals("workers")) {
                continue;
            }
            try {
                Object before = component.getAccessor().invoke(was);
                Object after = component.getAccessor().invoke(now);
                if (!before.equals(after)) {
                    return "are of another plan: " + component.getName() + " was [" + before + "], now [" + after + "]";
                }
            } catch (ReflectiveOperationException unreadable) {
                throw new IllegalStateException("could not read " + component.getName(), unreadable);
            }
        }
        RunSnapshot.RunIdentity before = recorded.snapshot().identity();
        RunSnapshot.RunIdentity after = snapshot.identity();
        return "are of another plan: measured window, timeline interval or sliding window differ ("
                + before.measuredWindowSeconds() + " s, " + before.intervalSeconds() + " s intervals, "
                + before.windowIntervals() + " in a window; now " + after.measuredWindowSeconds() + " s, "
                + after.intervalSeconds() + " s, " + after.windowIntervals() + ")";
    }

    private static String baselineWords(List<BaselineRun> used, RunSnapshot snapshot) {
        BaselineRun newest = used.get(0);
        return "median of " + used.size() + " green run" + (used.size() == 1 ? "" : "s") + ", newest "
                + DAY.format(newest.recordedAt()) + (newest.commit().isEmpty() ? "" : " " + newest.commit()) + "; n="
                + snapshot.recording().corrected().count();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String unit(Regression check) {
        return switch (check.metric()) {
            case ERROR_RATE -> "%";
            case THROUGHPUT -> "req/s";
            default -> "ms";
        };
    }

    private static String format(Regression check, double value) {
        return switch (check.metric()) {
            case ERROR_RATE -> Numbers.format(value, 3) + " %";
            case THROUGHPUT -> Numbers.format(value, 3) + " req/s";
            default -> Numbers.millis(value) + " ms";
        };
    }

    private static String percent(double fraction) {
        return Numbers.format(fraction * 100, 3) + " %";
    }

    /** A value against the baseline as the messages show it: {@code +13.4 %}, {@code −2.1 %}, {@code +0.4 pp}. */
    private static String change(Regression check, double value, double baseline) {
        if (check.metric() == Metric.ERROR_RATE) {
            double points = value - baseline;
            return (points >= 0 ? "+" : "−") + Numbers.format(Math.abs(points), 3) + " pp";
        }
        if (baseline == 0) {
            return value == 0 ? "±0 %" : "from zero";
        }
        double relative = value / baseline - 1;
        return (relative >= 0 ? "+" : "−") + Numbers.format(Math.abs(relative) * 100, 3) + " %";
    }
}
