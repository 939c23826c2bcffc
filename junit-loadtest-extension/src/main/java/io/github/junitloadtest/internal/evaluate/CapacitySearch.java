package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.Capacity;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.Accounting;
import io.github.junitloadtest.internal.record.RunSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The capacity search ({@code @CapacityTest}) as decisions on the steps run so far: which rate comes
 * next, when the search has ended, and its verdict. Each step is judged on its own snapshot by
 * {@link RunEvaluator}, exactly as a load test of that rate; the same steps always give the same
 * decisions, so the verdict can be made again from the steps alone.
 *
 * <p>Rates grow by the growth factor from {@code from} until a step breaks the SLO, never above
 * {@code to}; then the last good and the first broken rate are bisected until they are within the
 * resolution. After a broken step, a probe at the last good rate must meet the SLO before the next
 * step, up to {@link Capacity#MAX_PROBES} times. A step the generator could not deliver, or whose
 * latency its own lag explains, ends the search at the rate the service did hold.
 */
public final class CapacitySearch {

    private CapacitySearch() {}

    /** What a run of the search is for. */
    public enum Kind {
        /** A rate tried. */
        STEP,
        /** A check at the last good rate, after a broken step, that the service has recovered. */
        PROBE
    }

    /** How a step came out. */
    public enum Held {
        /** It met the SLO. */
        MET,
        /** It broke the SLO. */
        BROKE,
        /** The generator could not deliver it, or its own lag explains the latency: nothing said of the service. */
        GENERATOR,
        /** It was interrupted, left iterations running or hit a safety limit: the search cannot go on. */
        STOPPED
    }

    /** How the search ended. */
    public enum End {
        /** The last good and the first broken rate came within the resolution. */
        RESOLVED,
        /** The highest rate allowed met the SLO. */
        REACHED_TO,
        /** The first rate broke the SLO. */
        BROKE_AT_FROM,
        /** The generator could not deliver a step. */
        GENERATOR_LIMITED,
        /** The next step would have ended after the time limit. */
        TIME_LIMIT,
        /** The probes at the last good rate never met the SLO again. */
        NOT_RECOVERED,
        /** A step stopped the search. */
        STOPPED,
        /** The steps made every request the search's cap allows before it ended. */
        REQUEST_CAP;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A run to make.
     *
     * @param kind a step or a probe
     * @param rps its rate
     * @param measured how long it is measured, after the settle
     * @param pause how long no load is sent before it: a probe gives a service that broke the time to
     *     work off its queue, which at a rate near its capacity it never could
     */
    public record Next(Kind kind, double rps, Duration measured, Duration pause) {

        /** A run right after the one before. */
        Next(Kind kind, double rps, Duration measured) {
            this(kind, rps, measured, Duration.ZERO);
        }

        /** Its whole length: the pause, the settle and the measured time. */
        public Duration length(Capacity capacity) {
            return pause.plus(capacity.settle()).plus(measured);
        }
    }

    /**
     * A run made, with its verdict.
     *
     * @param planned what was run
     * @param snapshot what it measured
     * @param verdict its verdict, as a load test of its rate
     * @param held how it came out
     */
    public record Step(Next planned, RunSnapshot snapshot, Verdict verdict, Held held) {}

    /**
     * Judges a run of the search on its snapshot.
     *
     * @param plan the capacity test's plan
     * @param planned what was run
     * @param snapshot what it measured
     * @return the step, judged
     */
    public static Step judge(LoadPlan plan, Next planned, RunSnapshot snapshot) {
        Verdict verdict = RunEvaluator.verdict(plan.step(planned.rps(), planned.measured()), snapshot);
        return new Step(planned, snapshot, verdict, held(verdict, snapshot.accounting()));
    }

    static Held held(Verdict verdict, Accounting accounting) {
        if (verdict.passed()) {
            return Held.MET;
        }
        if (verdict.violations().stream().anyMatch(CapacitySearch::stops)) {
            return Held.STOPPED;
        }
        // Arrivals that waited for a worker were held up by the service; without any, the generator fell short itself.
        boolean ownShortfall =
                verdict.violation(Violation.GeneratorShortfall.class).isPresent() && accounting.late() == 0;
        // The generator's own lag explains a broken latency, never a broken error rate, status rule or check.
        boolean onlyLatency = verdict.violations().stream()
                .allMatch(violation -> violation instanceof Violation.Aborted
                        || (violation instanceof Violation.ThresholdBroken broken && broken.judgesLatency()));
        boolean ownLag =
                onlyLatency && verdict.explanations().stream().anyMatch(note -> note instanceof Note.GeneratorLag);
        return ownShortfall || ownLag ? Held.GENERATOR : Held.BROKE;
    }

    /** Whether a failure ends the search whatever the rates: an interrupt, iterations left running, the request cap. */
    private static boolean stops(Violation violation) {
        return violation instanceof Violation.Interrupted
                || violation instanceof Violation.Unfinished
                || (violation instanceof Violation.ThresholdBroken broken
                        && broken.threshold().metric().equals("blocked requests"));
    }

    /**
     * Where the search stands after the steps run so far.
     *
     * @param next the run to make next; empty when the search has ended
     * @param end how it ended, when it has
     * @param good the highest step that met the SLO, if any
     * @param broken the lowest step that broke it, if any
     * @param last the step that ended the search, if one did
     * @param steps the runs made so far
     */
    record State(
            Optional<Next> next,
            Optional<End> end,
            Optional<Step> good,
            Optional<Step> broken,
            Optional<Step> last,
            List<Step> steps) {}

    /**
     * The next run to make, or empty when the search has ended.
     *
     * @param capacity the search
     * @param steps the runs made so far, in order
     * @return the next run
     */
    public static Optional<Next> next(Capacity capacity, List<Step> steps) {
        return state(capacity, steps).next();
    }

    /** The requests a step made: sent, or admitted and not sent; what the search's request cap counts. */
    public static long requestsMade(RunSnapshot snapshot) {
        return snapshot.accounting().requestsSent() + snapshot.accounting().requestsNotSent();
    }

    /** How long a step ran, from its first arrival to its last iteration's end; its planned length if it has no times. */
    static Duration ran(Step step) {
        Duration ran = Duration.between(step.snapshot().start(), step.snapshot().end());
        return ran.isNegative() ? Duration.ZERO : ran;
    }

    static State state(Capacity capacity, List<Step> steps) {
        @Nullable Step good = null;
        @Nullable Step broken = null;
        boolean awaitingRecovery = false;
        int failedProbes = 0;
        Duration spent = Duration.ZERO;
        long made = 0;
        for (Step step : steps) {
            spent = spent.plus(step.planned().pause()).plus(ran(step));
            made += requestsMade(step.snapshot());
            boolean probe = step.planned().kind() == Kind.PROBE;
            switch (step.held()) {
                case STOPPED -> {
                    return ended(End.STOPPED, good, broken, step, steps);
                }
                case GENERATOR -> {
                    return ended(End.GENERATOR_LIMITED, good, broken, step, steps);
                }
                case MET -> {
                    if (probe) {
                        awaitingRecovery = false;
                        failedProbes = 0;
                    } else if (good == null
                            || step.planned().rps() > good.planned().rps()) {
                        good = step;
                    }
                }
                case BROKE -> {
                    if (probe) {
                        failedProbes++;
                        if (failedProbes >= Capacity.MAX_PROBES) {
                            return ended(End.NOT_RECOVERED, good, broken, step, steps);
                        }
                    } else {
                        if (broken == null
                                || step.planned().rps() < broken.planned().rps()) {
                            broken = step;
                        }
                        awaitingRecovery = good != null;
                        failedProbes = 0;
                    }
                }
            }
        }
        Next candidate;
        if (broken == null) {
            if (good == null) {
                candidate = new Next(Kind.STEP, capacity.from(), capacity.step());
            } else if (good.planned().rps() >= capacity.to()) {
                return ended(End.REACHED_TO, good, null, null, steps);
            } else {
                candidate = new Next(
                        Kind.STEP,
                        Math.min(
                                capacity.to(),
                                rounded(
                                        good.planned().rps() * capacity.growth(),
                                        good.planned().rps(),
                                        Double.POSITIVE_INFINITY)),
                        capacity.step());
            }
        } else if (good == null) {
            return ended(End.BROKE_AT_FROM, null, broken, null, steps);
        } else if (broken.planned().rps() / good.planned().rps() - 1 <= capacity.resolution() + 1e-9) {
            return ended(End.RESOLVED, good, broken, null, steps);
        } else {
            candidate = new Next(
                    Kind.STEP,
                    rounded(
                            (good.planned().rps() + broken.planned().rps()) / 2,
                            good.planned().rps(),
                            broken.planned().rps()),
                    capacity.step());
        }
        Next next = awaitingRecovery && good != null
                ? new Next(Kind.PROBE, good.planned().rps(), capacity.recovery(), capacity.recovery())
                : candidate;
        // A step may take a timeout after its load to let its last iterations finish.
        if (spent.plus(next.length(capacity)).plus(capacity.timeout()).compareTo(capacity.maxDuration()) > 0) {
            return ended(End.TIME_LIMIT, good, broken, null, steps);
        }
        if (capacity.maxRequests() > 0 && made >= capacity.maxRequests()) {
            return ended(End.REQUEST_CAP, good, broken, null, steps);
        }
        return new State(
                Optional.of(next),
                Optional.empty(),
                Optional.ofNullable(good),
                Optional.ofNullable(broken),
                Optional.empty(),
                steps);
    }

    /**
     * A rate to three significant digits, {@code 371.875 → 372}, so that steps read as chosen; the
     * exact rate when rounding would leave the open interval between the rates it lies between.
     */
    static double rounded(double rps, double above, double below) {
        double rounded = new java.math.BigDecimal(rps)
                .round(new java.math.MathContext(3))
                .doubleValue();
        return rounded > above && rounded < below ? rounded : rps;
    }

    private static State ended(
            End end, @Nullable Step good, @Nullable Step broken, @Nullable Step last, List<Step> steps) {
        return new State(
                Optional.empty(),
                Optional.of(end),
                Optional.ofNullable(good),
                Optional.ofNullable(broken),
                Optional.ofNullable(last),
                steps);
    }

    /**
     * The step whose figures the reports show: the one at the capacity found, or the first step
     * when none held.
     *
     * @param capacity the search
     * @param steps the runs made, in order, the search ended
     * @return the step
     */
    public static Step shown(Capacity capacity, List<Step> steps) {
        return state(capacity, steps).good().orElse(steps.get(0));
    }

    /**
     * The capacity test's verdict, from its steps: {@code @CapacityAbove} against the capacity found,
     * the first step's failures when no rate held, and a stopped step's failures as they are; the
     * SLO's results at the capacity, and the finding as a note.
     *
     * @param plan the capacity test's plan
     * @param steps the runs made, in order, the search ended
     * @return the verdict
     */
    public static Verdict verdict(LoadPlan plan, List<Step> steps) {
        Capacity capacity = plan.capacity().orElseThrow();
        State state = state(capacity, steps);
        End end = state.end().orElseThrow(() -> new IllegalStateException("the capacity search has not ended"));
        Step figures = state.good().orElse(steps.get(0));
        Optional<Double> found = state.good().map(step -> step.planned().rps());
        boolean atLeast = end == End.REACHED_TO
                || end == End.GENERATOR_LIMITED
                || (end == End.TIME_LIMIT && state.broken().isEmpty());
        String finding = finding(capacity, plan.safety().maxRequests(), state, end);
        List<ThresholdResult> thresholds = new ArrayList<>(figures.verdict().thresholds());
        List<Violation> violations = new ArrayList<>();
        // A search that stopped, found nothing, or left a service that did not recover fails on what its last step saw.
        if (end == End.STOPPED
                || end == End.BROKE_AT_FROM
                || end == End.NOT_RECOVERED
                || (end == End.GENERATOR_LIMITED && found.isEmpty())) {
            violations.addAll(state.last().orElse(figures).verdict().violations());
        }
        if (end == End.REQUEST_CAP) {
            violations.add(new Violation.Aborted("the capacity search stopped: " + finding));
        }
        boolean holds = found.isPresent() && end != End.STOPPED && end != End.NOT_RECOVERED && end != End.REQUEST_CAP;
        if (capacity.above().isPresent()) {
            double limit = capacity.above().getAsDouble();
            double value = found.orElse(0.0);
            boolean passed = holds && value > limit;
            String message = "capacity "
                    + (found.isPresent() ? (atLeast ? "of at least " : "") + Numbers.rate(value) : "not found")
                    + (passed ? " is above " : " is not above ") + Numbers.rate(limit) + " (@CapacityAbove): "
                    + finding;
            ThresholdResult gate = new ThresholdResult(
                    "RPS capacity", "all steps", ">", limit, value, "req/s", steps.size(), passed, message);
            thresholds.add(gate);
            if (!passed) {
                violations.add(new Violation.ThresholdBroken(gate, false, 0));
            }
        }
        List<Note> notes = new ArrayList<>(figures.verdict().notes());
        notes.add(0, new Note.CapacityFound("Capacity search: " + finding));
        LoadTestResult.CapacitySearch result = new LoadTestResult.CapacitySearch(
                found.orElse(null),
                state.broken().map(step -> step.planned().rps()).orElse(null),
                state.broken().map(CapacitySearch::brokenBy).orElse(""),
                end.label(),
                atLeast,
                capacity.above().isPresent() ? capacity.above().getAsDouble() : null,
                finding,
                results(capacity, steps));
        return new Verdict(
                figures.verdict().requestedRps(), thresholds, violations, notes, "", List.of(), Optional.of(result));
    }

    /** Which part of the search's request cap a step that reached it had, when that is why it stopped. */
    @SuppressWarnings("ReferenceEquality") // the step that ended the search itself, not one of equal figures
    private static String capShare(long maxRequests, State state) {
        Step last = state.last().orElseThrow();
        if (maxRequests == 0 || last.snapshot().recording().blockedRequests() == 0) {
            return "";
        }
        long before = 0;
        for (Step step : state.steps()) {
            if (step == last) {
                break;
            }
            before += requestsMade(step.snapshot());
        }
        return "; maxRequests = " + maxRequests + " is the whole search's, and the steps before it made " + before;
    }

    private static String finding(Capacity capacity, long maxRequests, State state, End end) {
        String good =
                state.good().map(step -> Numbers.rate(step.planned().rps())).orElse("");
        String broken = state.broken()
                .map(step -> Numbers.rate(step.planned().rps()) + " broke it (" + brokenBy(step) + ")")
                .orElse("");
        return switch (end) {
            case RESOLVED -> good + " met the SLO and " + broken + "; resolution " + percent(capacity.resolution());
            case REACHED_TO ->
                "the SLO held at every rate up to " + Numbers.rate(capacity.to()) + ", the highest allowed"
                        + " ('to'); capacity is at least " + good;
            case BROKE_AT_FROM ->
                "the first rate, " + broken + "; no rate met the SLO, so lower 'from' below "
                        + Numbers.rate(capacity.from());
            case GENERATOR_LIMITED -> {
                Step last = state.last().orElseThrow();
                String why = last.verdict()
                        .violation(Violation.GeneratorShortfall.class)
                        .map(Violation::message)
                        .orElseGet(() -> last.verdict().explanations().stream()
                                .filter(note -> note instanceof Note.GeneratorLag)
                                .map(Note::text)
                                .findFirst()
                                .orElse(""));
                yield (good.isEmpty() ? "no capacity shown" : "capacity is at least " + good)
                        + "; the load generator ran out at "
                        + Numbers.rate(last.planned().rps()) + " (" + why + "). Run the"
                        + " search from a machine with more cores, or check a higher rate with a @LoadTest sent by"
                        + " several machines (loadtest.shard)";
            }
            case TIME_LIMIT ->
                (good.isEmpty() ? "no rate met the SLO" : good + " met the SLO")
                        + (broken.isEmpty() ? "" : " and " + broken) + "; the next step would have ended after the time"
                        + " limit of " + Numbers.format(capacity.maxDuration().toMillis() / 1000.0, 3)
                        + " s (maxDuration)"
                        + (broken.isEmpty() ? ", so capacity is at least " + good : "");
            case NOT_RECOVERED ->
                good + " met the SLO and " + broken + ", but " + Capacity.MAX_PROBES + " probes at "
                        + good + " after it did not meet the SLO again: the service did not recover, and the search"
                        + " stopped without a capacity it could hold";
            case REQUEST_CAP ->
                (good.isEmpty() ? "no rate met the SLO" : good + " met the SLO")
                        + (broken.isEmpty() ? "" : " and " + broken) + "; its steps made all " + capacity.maxRequests()
                        + " requests of maxRequests, so no further step could run";
            case STOPPED ->
                "stopped at "
                        + Numbers.rate(state.last().orElseThrow().planned().rps()) + ": "
                        + state.last().orElseThrow().verdict().violations().stream()
                                .filter(CapacitySearch::stops)
                                .findFirst()
                                .map(Violation::message)
                                .orElse("")
                        + capShare(maxRequests, state);
        };
    }

    /** What broke a step: the first threshold it broke, which says by how much, or else its first failure. */
    public static String brokenBy(Step step) {
        List<Violation> violations = step.verdict().violations();
        return violations.stream()
                .filter(violation -> violation instanceof Violation.ThresholdBroken)
                .findFirst()
                .or(() -> violations.stream().findFirst())
                .map(Violation::message)
                .orElse("");
    }

    private static List<LoadTestResult.CapacityStep> results(Capacity capacity, List<Step> steps) {
        List<LoadTestResult.CapacityStep> results = new ArrayList<>();
        double start = 0;
        for (Step step : steps) {
            start += step.planned().pause().toNanos() / 1e9;
            LoadTestResult.CapacityStep figures = figures(capacity, step, start);
            results.add(figures);
            start += figures.durationSeconds();
        }
        return results;
    }

    /**
     * A step's figures, as the reports show them.
     *
     * @param capacity the search
     * @param step the step
     * @param startSeconds when it started, from the search's start
     * @return its figures, its duration the time it really ran, drain included
     */
    public static LoadTestResult.CapacityStep figures(Capacity capacity, Step step, double startSeconds) {
        RunSnapshot snapshot = step.snapshot();
        long measured = snapshot.recording().outcomes().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long failed = measured - snapshot.recording().outcomes().getOrDefault(Outcome.SUCCESS, 0L);
        // A step stopped early sent for the time it ran, not for the whole window it was planned for.
        double ran = ran(step).minus(capacity.settle()).toNanos() / 1e9;
        double window = snapshot.accounting().aborted().isEmpty()
                ? snapshot.identity().measuredWindowSeconds()
                : Math.max(1e-3, Math.min(snapshot.identity().measuredWindowSeconds(), ran));
        double length = ran(step).toNanos() / 1e9;
        var corrected = snapshot.recording().corrected();
        return new LoadTestResult.CapacityStep(
                step.planned().kind().name().toLowerCase(Locale.ROOT),
                step.planned().rps(),
                snapshot.accounting().measuredSent() / window,
                corrected.percentileMillis(50),
                corrected.percentileMillis(95),
                corrected.percentileMillis(99),
                measured == 0 ? 0 : 100.0 * failed / measured,
                step.held().name().toLowerCase(Locale.ROOT),
                brokenBy(step),
                startSeconds,
                length);
    }

    private static String percent(double fraction) {
        return Numbers.format(fraction * 100, 3) + " %";
    }
}
