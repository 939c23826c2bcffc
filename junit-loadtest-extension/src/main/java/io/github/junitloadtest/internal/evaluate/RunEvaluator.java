package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.CheckResult;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.api.TimelinePoint;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.LoadPlan.Model;
import io.github.junitloadtest.internal.plan.Threshold;
import io.github.junitloadtest.internal.plan.Threshold.Kind;
import io.github.junitloadtest.internal.record.Accounting;
import io.github.junitloadtest.internal.record.BaselineRun;
import io.github.junitloadtest.internal.record.EndpointSnapshot;
import io.github.junitloadtest.internal.record.PhaseSnapshot;
import io.github.junitloadtest.internal.record.Recording;
import io.github.junitloadtest.internal.record.RunSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes a run's verdict from its plan and its snapshot, and from nothing else: every threshold and
 * rule, the generator check and the notes. The same snapshot, live or read back from its file or
 * added up from several generators, gives the same verdict.
 */
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

    /** A threshold's result with whether it judged latency, and how often a regression is measured again. */
    private record Decided(ThresholdResult result, boolean judgesLatency, int confirmRuns) {

        Decided(ThresholdResult result, boolean judgesLatency) {
            this(result, judgesLatency, 0);
        }
    }

    /**
     * Judges a run.
     *
     * @param plan what was planned
     * @param snapshot what the run measured
     * @return the verdict
     */
    public static Verdict verdict(LoadPlan plan, RunSnapshot snapshot) {
        return verdict(plan, snapshot, Map.of());
    }

    /**
     * Judges a run, comparing it with its recorded runs too.
     *
     * @param plan what was planned
     * @param snapshot what the run measured
     * @param histories the recorded runs of each of the plan's {@code @NoRegression} histories, by key
     * @return the verdict
     */
    public static Verdict verdict(LoadPlan plan, RunSnapshot snapshot, Map<String, BaselineRun.History> histories) {
        Recording recording = snapshot.recording();
        Accounting accounting = snapshot.accounting();
        double windowSeconds = plan.measuredWindow().toNanos() / 1e9;
        ThresholdEvaluator.Measurements run = ThresholdEvaluator.Measurements.of(
                "", recording.corrected(), recording.outcomes(), windowSeconds, plan.describe());
        List<TimelinePoint> timeline = snapshot.timeline();
        List<Decided> decided = new ArrayList<>();
        if (ShardCheck.judgesThresholds(plan)) {
            for (Threshold threshold : plan.thresholds()) {
                decided.addAll(decide(threshold, run, plan, recording));
            }
            neverStatuses(plan, recording).forEach(result -> decided.add(new Decided(result, false)));
            plan.rules()
                    .recovery()
                    .ifPresent(recovery -> decided.add(new Decided(recovery(recovery, recording, timeline), false)));
            decided.replaceAll(one -> new Decided(ShardCheck.local(one.result(), plan), one.judgesLatency()));
        }
        // Requests not sent (a host not allowed, the request cap) mean the load did not run as written, on a shard too.
        blocked(recording).ifPresent(result -> decided.add(new Decided(result, false)));
        boolean open = plan.model() == Model.OPEN;
        boolean shard = plan.role() instanceof LoadPlan.Shard;
        // The rate asked for over the measured window: the rate itself when constant, the planned average when staged
        // or when this JVM sends one shard's part.
        double requested = !open
                ? 0
                : plan.isConstant() && !shard ? plan.constantRps() : accounting.measuredScheduled() / windowSeconds;
        int inFlight =
                shard && !snapshot.shards().isEmpty() ? snapshot.shards().get(0).maxInFlight() : plan.maxInFlight();
        List<Violation> violations = new ArrayList<>();
        String test = plan.testId();
        if (accounting.unfinished() > 0) {
            violations.add(new Violation.Unfinished(
                    accounting.unfinished(),
                    accounting.unfinished()
                            + " iteration(s) of load test " + test
                            + " ignored cancellation and were still running when the"
                            + " test ended; the body blocks in a call that does not respond to interrupts"));
        }
        if (accounting.interrupted()) {
            violations.add(new Violation.Interrupted("Load test " + test + " was interrupted"));
        }
        if (!accounting.aborted().isEmpty()) {
            violations.add(new Violation.Aborted(accounting.aborted()));
        }
        violations.addAll(ShardCheck.missedStarts(snapshot));
        if (open && !accounting.interrupted() && accounting.aborted().isEmpty()) {
            GeneratorCheck.shortfall(accounting, requested, windowSeconds, inFlight)
                    .ifPresent(message -> violations.add(new Violation.GeneratorShortfall(
                            message, requested, accounting.measuredSent() / windowSeconds)));
        }
        List<Note> regressionNotes = new ArrayList<>();
        List<LoadTestResult.Comparison> comparisons = new ArrayList<>();
        if (comparesWithBaselines(plan)) {
            boolean loadApplied = violations.stream()
                    .noneMatch(violation -> violation instanceof Violation.Aborted
                            || violation instanceof Violation.GeneratorShortfall
                            || violation instanceof Violation.Interrupted
                            || violation instanceof Violation.MissedStart);
            for (RegressionEvaluator.Compared compared :
                    RegressionEvaluator.compare(plan.regressions().checks(), snapshot, histories, loadApplied)) {
                decided.add(new Decided(
                        compared.result(),
                        compared.check().isLatency(),
                        compared.verdict() == RegressionEvaluator.Verdict.REGRESSED
                                ? compared.check().confirmRuns()
                                : 0));
                comparisons.add(compared.shown());
                if (compared.verdict() == RegressionEvaluator.Verdict.INCONCLUSIVE && !compared.fails()) {
                    regressionNotes.add(
                            new Note.RegressionInconclusive(compared.result().message()));
                }
            }
        }
        decided.stream()
                .filter(threshold -> !threshold.result().passed())
                .forEach(threshold -> violations.add(new Violation.ThresholdBroken(
                        threshold.result(), threshold.judgesLatency(), threshold.confirmRuns())));
        List<Note> notes = notes(plan, snapshot, timeline);
        notes.addAll(regressionNotes);
        return new Verdict(
                requested,
                decided.stream().map(Decided::result).toList(),
                violations,
                notes,
                ShardCheck.generators(plan, snapshot),
                comparisons);
    }

    /**
     * Whether the plan's run is compared with recorded runs: when it has {@code @NoRegression}, the
     * comparison is on, and it is not one shard's part, which its merge compares instead.
     */
    public static boolean comparesWithBaselines(LoadPlan plan) {
        return !plan.regressions().checks().isEmpty()
                && plan.regressions().enabled()
                && !(plan.role() instanceof LoadPlan.Shard);
    }

    private static List<Note> notes(LoadPlan plan, RunSnapshot snapshot, List<TimelinePoint> timeline) {
        List<Note> notes = new ArrayList<>();
        boolean open = plan.model() == Model.OPEN;
        if (!open) {
            notes.add(new Note.ClosedModel(CLOSED_MODEL_NOTE));
        }
        if (plan.safety().insecureTls()) {
            notes.add(new Note.InsecureTls(INSECURE_TLS_NOTE));
        }
        Recording recording = snapshot.recording();
        if (open) {
            GeneratorCheck.lagNote(
                            recording.corrected().summary(),
                            recording.lag().summary(),
                            snapshot.accounting().late(),
                            snapshot.generator().peakCpuPercent(),
                            plan.thresholds().stream()
                                    .filter(Threshold::isLatency)
                                    .mapToDouble(Threshold::limit)
                                    .min())
                    .ifPresent(text -> notes.add(new Note.GeneratorLag(text)));
        }
        ShardCheck.note(plan, snapshot).ifPresent(notes::add);
        GeneratorCheck.coldStartNote(
                        timeline, plan.warmup().toNanos() / 1e9, plan.interval().toNanos() / 1e9)
                .ifPresent(text -> notes.add(new Note.ColdStart(text)));
        return notes;
    }

    private static List<Decided> decide(
            Threshold threshold, ThresholdEvaluator.Measurements run, LoadPlan plan, Recording recording) {
        boolean latency = threshold.isLatency();
        if (threshold.kind() == Kind.CHECK_RATE) {
            return List.of(new Decided(checkRate(threshold, recording.checks()), false));
        }
        if (!threshold.phase().isEmpty()) {
            return List.of(new Decided(
                    ThresholdEvaluator.evaluate(threshold, phase(threshold.phase(), plan, recording)), latency));
        }
        if (threshold.perEndpoint()) {
            List<Decided> results = new ArrayList<>();
            for (EndpointSnapshot endpoint : recording.endpoints()) {
                results.add(new Decided(ThresholdEvaluator.evaluate(threshold, endpoint(endpoint, run)), latency));
            }
            if (results.isEmpty()) {
                // A test written wrong, not a latency measured: nothing the generator's lag could explain.
                results.add(new Decided(
                        new ThresholdResult(
                                threshold.annotation(),
                                "each endpoint",
                                "<",
                                threshold.limit(),
                                0,
                                "",
                                0,
                                false,
                                threshold.annotation() + " applies to each endpoint, but no"
                                        + " request was made through LoadHttp"),
                        false));
            }
            return results;
        }
        return List.of(new Decided(ThresholdEvaluator.evaluate(threshold, run), latency));
    }

    private static ThresholdEvaluator.Measurements phase(String name, LoadPlan plan, Recording recording) {
        PhaseSnapshot phase = recording.phase(name).orElseThrow();
        return ThresholdEvaluator.Measurements.of(
                "phase " + name, phase.corrected(), phase.outcomes(), phase.lengthNanos() / 1e9, plan.describe());
    }

    private static ThresholdEvaluator.Measurements endpoint(
            EndpointSnapshot endpoint, ThresholdEvaluator.Measurements run) {
        // Per request only the number of failures is known, not their classes: no breakdown.
        return new ThresholdEvaluator.Measurements(
                "endpoint " + endpoint.name(),
                endpoint.corrected(),
                endpoint.requests(),
                endpoint.requests() - endpoint.failed(),
                "",
                run.windowSeconds(),
                run.load(),
                "requests");
    }

    private static ThresholdResult checkRate(Threshold threshold, List<CheckResult> checks) {
        long passes = checks.stream().mapToLong(CheckResult::passes).sum();
        long failures = checks.stream().mapToLong(CheckResult::failures).sum();
        long total = passes + failures;
        String limit = Numbers.format(threshold.limit(), 3) + " %";
        if (total == 0) {
            return new ThresholdResult(
                    "check pass rate",
                    "",
                    ">",
                    threshold.limit(),
                    0,
                    "%",
                    0,
                    false,
                    "check pass rate has no samples to hold above " + limit + ": no named check was evaluated");
        }
        double rate = 100.0 * passes / total;
        boolean passed = threshold.limit() >= 100 ? failures == 0 : rate > threshold.limit();
        String failing = checks.stream()
                .filter(check -> check.failures() > 0)
                .map(check -> check.name() + " " + check.failures() + "×")
                .collect(Collectors.joining(", "));
        String message =
                "check pass rate " + Numbers.format(rate, 3) + " % " + (passed ? "stayed above " : "fell below ")
                        + limit + " (" + failures + " of " + total + " checks failed"
                        + (failing.isEmpty() ? "" : ": " + failing)
                        + ")";
        return new ThresholdResult("check pass rate", "", ">", threshold.limit(), rate, "%", total, passed, message);
    }

    /** Requests that were not sent (a host not allowed, the request cap) make the test fail: it did not run as written. */
    private static Optional<ThresholdResult> blocked(Recording recording) {
        long count = recording.blockedRequests();
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(new ThresholdResult(
                "blocked requests",
                "",
                "=",
                0,
                count,
                "requests",
                count,
                false,
                count + " request(s) were not sent, warm-up included: " + recording.firstBlocked()));
    }

    private static List<ThresholdResult> neverStatuses(LoadPlan plan, Recording recording) {
        List<ThresholdResult> results = new ArrayList<>();
        for (int status : plan.rules().neverStatuses()) {
            long count = recording.statuses().getOrDefault(status, 0L);
            String message = count == 0
                    ? "status " + status + " never occurred (@NeverStatus)"
                    : "status " + status + " occurred " + count + " time(s), but @NeverStatus allows none";
            results.add(new ThresholdResult(
                    "status " + status, "", "=", 0, count, "responses", count, count == 0, message));
        }
        return results;
    }

    private static ThresholdResult recovery(
            LoadPlan.Recovery recovery, Recording recording, List<TimelinePoint> timeline) {
        double phaseEnd = recording.phase(recovery.after()).orElseThrow().endNanos() / 1e9;
        double reference =
                recording.phase(recovery.reference()).orElseThrow().corrected().percentileMillis(95);
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
        for (TimelinePoint point : timeline) {
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
                return new ThresholdResult(
                        "recovery time",
                        "phase " + recovery.after(),
                        "<",
                        limitSeconds,
                        seconds,
                        "s",
                        point.windowSamples(),
                        passed,
                        message);
            }
        }
        String seen = last == null
                ? "no full window after it"
                : "last window p95 " + Numbers.millis(last.windowP95Millis()) + " ms with " + last.windowFailures()
                        + " failures";
        String message = "recovery after " + recovery.after() + " was not seen in the "
                + Numbers.format(Math.max(0, lastEnd - phaseEnd), 1) + " s the run lasted after it (" + seen + "; "
                + target + "; " + Numbers.format(limitSeconds, 1) + " s allowed)";
        return new ThresholdResult(
                "recovery time",
                "phase " + recovery.after(),
                "<",
                limitSeconds,
                Math.max(0, lastEnd - phaseEnd),
                "s",
                0,
                false,
                message);
    }
}
