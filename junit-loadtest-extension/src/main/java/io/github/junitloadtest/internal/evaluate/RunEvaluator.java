package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.execute.DispatchResult;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a finished run into its {@link LoadTestResult}: figures, threshold verdicts and the generator check. */
public final class RunEvaluator {

    private RunEvaluator() {}

    /**
     * Evaluates a run.
     *
     * @param plan what was planned
     * @param dispatch how the arrivals went
     * @param recorder what was recorded, harvested
     * @param workers {@code "virtual"} or {@code "platform"}
     * @param startTime wall-clock start
     * @param endTime wall-clock end
     * @return the result
     */
    public static LoadTestResult evaluate(LoadPlan plan, DispatchResult dispatch, LatencyRecorder recorder,
            String workers, Instant startTime, Instant endTime) {
        double windowSeconds = plan.measuredWindow().toNanos() / 1e9;
        Map<Outcome, Long> outcomes = recorder.outcomes();
        ThresholdEvaluator.Measurements measurements = new ThresholdEvaluator.Measurements(
                recorder.corrected(), outcomes, windowSeconds, plan.rps());
        List<ThresholdResult> thresholds = ThresholdEvaluator.evaluate(plan.thresholds(), measurements);
        Optional<String> shortfall = dispatch.interrupted()
                ? Optional.empty()
                : GeneratorCheck.shortfall(dispatch, plan.rps(), windowSeconds, plan.maxInFlight());
        long measured = measurements.iterations();
        long failed = measurements.failed();
        long successes = outcomes.getOrDefault(Outcome.SUCCESS, 0L);
        LoadTestResult.Counts counts = new LoadTestResult.Counts(dispatch.scheduled(), dispatch.sent(),
                dispatch.dropped(), dispatch.late(), recorder.warmupIterations(), measured, failed);
        LoadTestResult.Configuration configuration = new LoadTestResult.Configuration(plan.rps(),
                plan.duration().toNanos() / 1e9, plan.warmup().toNanos() / 1e9, plan.timeout().toNanos() / 1e9,
                plan.maxInFlight(), plan.durationScale(), plan.baseUrl().map(Object::toString).orElse(""), workers);
        boolean passed = shortfall.isEmpty() && !dispatch.interrupted() && dispatch.fatal().isEmpty()
                && dispatch.unfinished() == 0 && thresholds.stream().allMatch(ThresholdResult::passed);
        return new LoadTestResult(plan.testId(), startTime.toString(), endTime.toString(), configuration, counts,
                plan.rps(), dispatch.measuredSent() / windowSeconds, successes / windowSeconds,
                recorder.corrected().summary(), recorder.serviceTime().summary(), recorder.schedulingLag().summary(),
                outcomes, recorder.errors(), recorder.endpoints(), thresholds, shortfall.orElse(""), passed);
    }
}
