package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.Threshold;
import io.github.junitloadtest.internal.plan.Threshold.Kind;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells when a threshold marked {@code abortOnFail} is certain to fail, whatever the rest of the run
 * brings, so the run can stop instead of flooding a broken service.
 *
 * <p>Certainty comes from the planned arrivals: with {@code N} measured arrivals planned, an error
 * rate below {@code L %} fails once {@code L·N/100} iterations have failed, and a percentile
 * {@code p} below a limit fails once more than {@code N − ⌈p·N/100⌉} latencies have reached the
 * limit, since the final count can only be {@code N} or less.
 */
public final class AbortWatch {

    private final List<Threshold> thresholds;
    private final List<Integer> statuses;
    private final long planned;
    private final LatencyRecorder recorder;

    private AbortWatch(List<Threshold> thresholds, List<Integer> statuses, long planned, LatencyRecorder recorder) {
        this.thresholds = thresholds;
        this.statuses = statuses;
        this.planned = planned;
        this.recorder = recorder;
    }

    /**
     * The latency limits, in microseconds, whose reaching a recorder must count for this plan's
     * watch: one per aborting threshold, in order ({@link Long#MAX_VALUE} for one not of latency).
     *
     * @param plan the plan
     * @return the limits, for {@link LatencyRecorder}'s constructor
     */
    public static long[] latencyLimitsMicros(LoadPlan plan) {
        return aborting(plan).stream()
                .mapToLong(threshold ->
                        threshold.isLatency() ? (long) Math.ceil(threshold.limit() * 1000) : Long.MAX_VALUE)
                .toArray();
    }

    private static List<Threshold> aborting(LoadPlan plan) {
        return plan.thresholds().stream().filter(Threshold::abortOnFail).toList();
    }

    /**
     * Watches the plan's aborting thresholds.
     *
     * @param plan the plan
     * @param plannedMeasured arrivals planned after the warm-up
     * @param recorder the run's recorder, made with {@link #latencyLimitsMicros} of the same plan
     * @return the watch
     */
    public static AbortWatch of(LoadPlan plan, long plannedMeasured, LatencyRecorder recorder) {
        List<Integer> statuses =
                plan.rules().abortOnNeverStatus() ? List.copyOf(plan.rules().neverStatuses()) : List.of();
        return new AbortWatch(aborting(plan), statuses, plannedMeasured, recorder);
    }

    /** Why the run must stop now, if a watched threshold is certain to fail; always empty when none is watched. */
    public Optional<String> reason() {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold threshold = thresholds.get(i);
            if (threshold.kind() == Kind.ERROR_RATE) {
                long failed = recorder.failures();
                double allowed = threshold.limit() / 100 * planned;
                if (threshold.limit() == 0 ? failed > 0 : failed >= allowed) {
                    reasons.add("error rate: " + failed + " iterations failed, "
                            + (threshold.limit() == 0
                                    ? "and @ErrorRateBelow(0) allows none"
                                    : "at least the " + Numbers.format(threshold.limit(), 3) + " % of " + planned
                                            + " planned iterations that " + threshold.annotation() + " allows"));
                }
            } else if (threshold.kind() == Kind.PERCENTILE || threshold.kind() == Kind.MAX) {
                long reached = recorder.countAtOrAbove(i);
                double percentile = threshold.kind() == Kind.MAX ? 100 : threshold.percentile();
                long allowed = planned - (long) Math.ceil(percentile / 100 * planned - 1e-9);
                if (reached > allowed) {
                    reasons.add(threshold.annotation() + ": " + reached + " iterations took "
                            + Numbers.millis(threshold.limit()) + " ms or longer, more than the " + allowed + " of "
                            + planned + " planned that it allows");
                }
            }
        }
        for (int status : statuses) {
            long count = recorder.statusCount(status);
            if (count > 0) {
                reasons.add("status " + status + " occurred " + count + " time(s), and @NeverStatus allows none");
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }
}
