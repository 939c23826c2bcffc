package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.CheckResult;
import io.github.junitloadtest.api.EndpointResult;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.api.TimelinePoint;
import io.github.junitloadtest.internal.execute.DispatchResult;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.LoadPlan.Model;
import io.github.junitloadtest.internal.plan.Threshold;
import io.github.junitloadtest.internal.plan.Threshold.Kind;
import io.github.junitloadtest.internal.record.LatencyDistribution;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.record.RequestCounts;
import io.github.junitloadtest.internal.record.PhaseMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns a finished run into its {@link LoadTestResult}: figures, every verdict and the generator check. */
public final class RunEvaluator {

    /** Warns that certificates went unchecked, in every report of such a run. */
    static final String INSECURE_TLS_NOTE = "Warning: TLS certificates were not verified ("
            + LoadTest.INSECURE_TLS_PROPERTY_NAME + "=true); an impostor answering for the host would have gone"
            + " unnoticed. Use this only against test targets with self-signed certificates.";

    /** Says why a closed model's latencies look better than a user would find them. */
    static final String CLOSED_MODEL_NOTE = "Closed model: each user waits for its answer before the next request,"
            + " so a slow service receives fewer requests and its queueing is hidden; corrected latency equals service"
            + " time here. Use rps or rps stages to measure latency under a fixed arrival rate.";

    private RunEvaluator() {}

    /**
     * Evaluates a run.
     *
     * @param plan what was planned
     * @param dispatch how the arrivals went
     * @param recorder what was recorded, harvested
     * @param workers {@code "virtual"} or {@code "platform"}
     * @param generator what the generator's process used
     * @param startTime wall-clock start
     * @param endTime wall-clock end
     * @return the result
     */
    public static LoadTestResult evaluate(LoadPlan plan, DispatchResult dispatch, LatencyRecorder recorder,
            RequestCounts requests, String workers, LoadTestResult.GeneratorUsage generator, Instant startTime, Instant endTime) {
        double windowSeconds = plan.measuredWindow().toNanos() / 1e9;
        Map<Outcome, Long> outcomes = recorder.outcomes();
        ThresholdEvaluator.Measurements run = ThresholdEvaluator.Measurements.of("", recorder.corrected(), outcomes,
                windowSeconds, plan.describe());
        List<ThresholdResult> thresholds = new ArrayList<>();
        for (Threshold threshold : plan.thresholds()) {
            thresholds.addAll(decide(threshold, run, plan, recorder));
        }
        thresholds.addAll(neverStatuses(plan, recorder));
        blocked(recorder).ifPresent(thresholds::add);
        plan.rules().recovery().ifPresent(recovery -> thresholds.add(recovery(recovery, recorder)));
        boolean open = plan.model() == Model.OPEN;
        // The rate asked for over the measured window: the rate itself when constant, the planned average when staged.
        double requested = !open ? 0 : plan.isConstant() ? plan.constantRps() : dispatch.measuredScheduled() / windowSeconds;
        Optional<String> shortfall = !open || dispatch.interrupted() || dispatch.aborted().isPresent()
                ? Optional.empty()
                : GeneratorCheck.shortfall(dispatch, requested, windowSeconds, plan.maxInFlight());
        long measured = run.total();
        long failed = run.failed();
        long successes = outcomes.getOrDefault(Outcome.SUCCESS, 0L);
        LoadTestResult.Counts counts = new LoadTestResult.Counts(dispatch.scheduled(), dispatch.sent(),
                dispatch.dropped(), dispatch.late(), recorder.warmupIterations(), measured, failed, requests.sent(),
                requests.notSent(), requests.refused());
        boolean passed = shortfall.isEmpty() && !dispatch.interrupted() && dispatch.fatal().isEmpty()
                && dispatch.aborted().isEmpty() && dispatch.unfinished() == 0
                && thresholds.stream().allMatch(ThresholdResult::passed);
        List<String> notes = new ArrayList<>();
        if (!open) {
            notes.add(CLOSED_MODEL_NOTE);
        }
        if (plan.safety().insecureTls()) {
            notes.add(INSECURE_TLS_NOTE);
        }
        if (open) {
            GeneratorCheck.lagNote(recorder.corrected().summary(), recorder.schedulingLag().summary(), dispatch.late(),
                    generator.peakCpuPercent(),
                    plan.thresholds().stream().filter(Threshold::isLatency).mapToDouble(Threshold::limit).min())
                    .ifPresent(notes::add);
        }
        GeneratorCheck.coldStartNote(recorder.timeline(), plan.warmup().toNanos() / 1e9,
                plan.interval().toNanos() / 1e9).ifPresent(notes::add);
        return new LoadTestResult(plan.testId(), startTime.toString(), endTime.toString(), configuration(plan, workers, recorder.redaction()),
                counts, requested, dispatch.measuredSent() / windowSeconds, successes / windowSeconds,
                recorder.corrected().summary(), recorder.serviceTime().summary(), recorder.schedulingLag().summary(),
                outcomes, recorder.errors(), recorder.endpoints(), recorder.phases(), recorder.checks(), thresholds,
                recorder.timeline(), recorder.corrected().spectrum(), recorder.serviceTime().spectrum(), generator,
                shortfall.orElse(""), dispatch.aborted().orElse(""), notes, passed);
    }

    private static List<ThresholdResult> decide(Threshold threshold, ThresholdEvaluator.Measurements run,
            LoadPlan plan, LatencyRecorder recorder) {
        if (threshold.kind() == Kind.CHECK_RATE) {
            return List.of(checkRate(threshold, recorder.checks()));
        }
        if (!threshold.phase().isEmpty()) {
            return List.of(ThresholdEvaluator.evaluate(threshold, phase(threshold.phase(), plan, recorder)));
        }
        if (threshold.perEndpoint()) {
            List<ThresholdResult> results = new ArrayList<>();
            for (EndpointResult endpoint : recorder.endpoints()) {
                results.add(ThresholdEvaluator.evaluate(threshold, endpoint(endpoint, run, recorder)));
            }
            if (results.isEmpty()) {
                results.add(new ThresholdResult(threshold.annotation(), "each endpoint", "<", threshold.limit(), 0, "",
                        0, false, threshold.annotation() + " applies to each endpoint, but no request was made through"
                                + " LoadHttp"));
            }
            return results;
        }
        return List.of(ThresholdEvaluator.evaluate(threshold, run));
    }

    private static ThresholdEvaluator.Measurements phase(String name, LoadPlan plan, LatencyRecorder recorder) {
        PhaseMap phases = recorder.phaseMap();
        double seconds = phases.lengthNanosOf(name) / 1e9;
        LatencyDistribution corrected = recorder.phaseLatency(name).orElseThrow();
        return ThresholdEvaluator.Measurements.of("phase " + name, corrected, recorder.phaseOutcomes(name), seconds,
                plan.describe());
    }

    private static ThresholdEvaluator.Measurements endpoint(EndpointResult endpoint,
            ThresholdEvaluator.Measurements run, LatencyRecorder recorder) {
        // Per request only the number of failures is known, not their classes: no breakdown.
        return new ThresholdEvaluator.Measurements("endpoint " + endpoint.name(),
                recorder.endpointLatency(endpoint.name()).orElseThrow(), endpoint.requests(),
                endpoint.requests() - endpoint.failed(), "", run.windowSeconds(), run.load(), "requests");
    }

    private static ThresholdResult checkRate(Threshold threshold, List<CheckResult> checks) {
        long passes = checks.stream().mapToLong(CheckResult::passes).sum();
        long failures = checks.stream().mapToLong(CheckResult::failures).sum();
        long total = passes + failures;
        String limit = Numbers.format(threshold.limit(), 3) + " %";
        if (total == 0) {
            return new ThresholdResult("check pass rate", "", ">", threshold.limit(), 0, "%", 0, false,
                    "check pass rate has no samples to hold above " + limit + ": no named check was evaluated");
        }
        double rate = 100.0 * passes / total;
        boolean passed = threshold.limit() >= 100 ? failures == 0 : rate > threshold.limit();
        String failing = checks.stream().filter(check -> check.failures() > 0)
                .map(check -> check.name() + " " + check.failures() + "×").collect(Collectors.joining(", "));
        String message = "check pass rate " + Numbers.format(rate, 3) + " % " + (passed ? "stayed above " : "fell below ")
                + limit + " (" + failures + " of " + total + " checks failed" + (failing.isEmpty() ? "" : ": " + failing)
                + ")";
        return new ThresholdResult("check pass rate", "", ">", threshold.limit(), rate, "%", total, passed, message);
    }

    /** Requests that were not sent (a host not allowed, the request cap) make the test fail: it did not run as written. */
    private static Optional<ThresholdResult> blocked(LatencyRecorder recorder) {
        long count = recorder.blockedRequests();
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(new ThresholdResult("blocked requests", "", "=", 0, count, "requests", count, false,
                count + " request(s) were not sent, warm-up included: " + recorder.firstBlocked()));
    }

    private static List<ThresholdResult> neverStatuses(LoadPlan plan, LatencyRecorder recorder) {
        List<ThresholdResult> results = new ArrayList<>();
        for (int status : plan.rules().neverStatuses()) {
            long count = recorder.statusCount(status);
            String message = count == 0
                    ? "status " + status + " never occurred (@NeverStatus)"
                    : "status " + status + " occurred " + count + " time(s), but @NeverStatus allows none";
            results.add(new ThresholdResult("status " + status, "", "=", 0, count, "responses", count, count == 0,
                    message));
        }
        return results;
    }

    private static ThresholdResult recovery(LoadPlan.Recovery recovery, LatencyRecorder recorder) {
        PhaseMap phases = recorder.phaseMap();
        double phaseEnd = phases.endNanosOf(recovery.after()) / 1e9;
        double reference = recorder.phaseLatency(recovery.reference()).orElseThrow().percentileMillis(95);
        double bound = recovery.boundMillis(reference);
        double window = recovery.window().toMillis() / 1000.0;
        double limitSeconds = recovery.limit().toMillis() / 1000.0;
        String tolerance = Numbers.format(recovery.tolerancePercent(), 2) + " %"
                + (recovery.toleranceMillis() > 0 ? " + " + Numbers.millis(recovery.toleranceMillis()) + " ms" : "");
        String target = "no failure and window p95 within " + tolerance + " of " + recovery.reference() + " p95 "
                + Numbers.millis(reference) + " ms (at most " + Numbers.millis(bound) + " ms, "
                + Numbers.format(window, 1) + " s window)";
        double lastEnd = phaseEnd;
        TimelinePoint last = null;
        for (TimelinePoint point : recorder.timeline()) {
            double windowStart = point.endSeconds() - window;
            if (windowStart + 1e-3 < phaseEnd || point.windowSamples() == 0) {
                continue;
            }
            last = point;
            lastEnd = point.endSeconds();
            // Recovered means fast again and failing no more: a service answering quick errors has not recovered.
            if (point.windowP95Millis() <= bound && point.windowFailures() == 0) {
                double seconds = Math.max(0, windowStart - phaseEnd);
                boolean passed = seconds < limitSeconds;
                String message = "recovery after " + recovery.after() + " took " + Numbers.format(seconds, 1) + " s "
                        + (passed ? "within " : "beyond ") + "the " + Numbers.format(limitSeconds, 1) + " s allowed ("
                        + target + ")";
                return new ThresholdResult("recovery time", "phase " + recovery.after(), "<", limitSeconds, seconds,
                        "s", point.windowSamples(), passed, message);
            }
        }
        String seen = last == null ? "no full window after it" : "last window p95 " + Numbers.millis(last.windowP95Millis())
                + " ms with " + last.windowFailures() + " failures";
        String message = "recovery after " + recovery.after() + " was not seen in the "
                + Numbers.format(Math.max(0, lastEnd - phaseEnd), 1) + " s the run lasted after it (" + seen + "; "
                + target + "; " + Numbers.format(limitSeconds, 1) + " s allowed)";
        return new ThresholdResult("recovery time", "phase " + recovery.after(), "<", limitSeconds,
                Math.max(0, lastEnd - phaseEnd), "s", 0, false, message);
    }

    private static LoadTestResult.Configuration configuration(LoadPlan plan, String workers, Redaction redaction) {
        return new LoadTestResult.Configuration(plan.model() == Model.OPEN ? "open" : "closed", plan.describe(),
                plan.stages().stream().map(stage -> new LoadTestResult.StageConfiguration(stage.name(),
                        stage.duration().toNanos() / 1e9, stage.from(), stage.to())).toList(),
                plan.duration().toNanos() / 1e9, plan.warmup().toNanos() / 1e9, plan.timeout().toNanos() / 1e9,
                plan.maxInFlight(), plan.thinkTime().toNanos() / 1e9, plan.thinkTimeMax().toNanos() / 1e9,
                plan.durationScale(),
                redaction.url(plan.baseUrl().map(Object::toString).orElse("")), plan.stubTarget(),
                workers);
    }
}
