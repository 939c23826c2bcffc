package io.github.junitloadtest.internal.execute;

import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.Threshold;
import io.github.junitloadtest.internal.plan.Threshold.Kind;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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

    /** Watches nothing. */
    public static final AbortWatch NONE = new AbortWatch(List.of(), List.of(), 0, null, Optional::empty);

    private final List<Threshold> thresholds;
    private final List<Integer> statuses;
    private final long planned;
    private final LatencyRecorder recorder;
    private final Supplier<Optional<String>> other;

    private AbortWatch(List<Threshold> thresholds, List<Integer> statuses, long planned, LatencyRecorder recorder,
            Supplier<Optional<String>> other) {
        this.thresholds = thresholds;
        this.statuses = statuses;
        this.planned = planned;
        this.recorder = recorder;
        this.other = other;
    }

    /**
     * This watch with another reason to stop, asked first; it replaces one given before.
     *
     * @param reason why to stop now, if at all; for example the request cap
     * @return the combined watch
     */
    public AbortWatch orWhen(Supplier<Optional<String>> reason) {
        return new AbortWatch(thresholds, statuses, planned, recorder, reason);
    }

    /**
     * Watches the plan's aborting thresholds.
     *
     * @param plan the plan
     * @param plannedMeasured arrivals planned after the warm-up
     * @param recorder the run's recorder, told which latency limits to count
     * @return the watch
     */
    public static AbortWatch of(LoadPlan plan, long plannedMeasured, LatencyRecorder recorder) {
        List<Threshold> watched = plan.thresholds().stream().filter(Threshold::abortOnFail).toList();
        List<Integer> statuses = plan.rules().abortOnNeverStatus() ? List.copyOf(plan.rules().neverStatuses()) : List.of();
        if (watched.isEmpty() && statuses.isEmpty()) {
            return NONE;
        }
        recorder.watchLatencyLimits(watched.stream().mapToLong(threshold -> threshold.isLatency()
                ? (long) Math.ceil(threshold.limit() * 1000) : Long.MAX_VALUE).toArray());
        return new AbortWatch(watched, statuses, plannedMeasured, recorder, Optional::empty);
    }

    /** Why the run must stop now, if a watched threshold is certain to fail. */
    public Optional<String> reason() {
        Optional<String> first = other.get();
        if (first.isPresent()) {
            return first;
        }
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold threshold = thresholds.get(i);
            if (threshold.kind() == Kind.ERROR_RATE) {
                long failed = recorder.failures();
                double allowed = threshold.limit() / 100 * planned;
                if (threshold.limit() == 0 ? failed > 0 : failed >= allowed) {
                    reasons.add("error rate: " + failed + " iterations failed, " + (threshold.limit() == 0
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
