package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.format.Redaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Records every iteration of one run: corrected and service-time latency, scheduling lag, outcomes,
 * phases, per-endpoint figures, statuses, checks and the run interval by interval. Safe for all
 * workers at once; no locks on the recording path. Configured completely when made; what it recorded
 * comes out as one immutable {@link Recording}.
 *
 * <p>Iterations whose intended start falls in the warm-up are only counted, as in every figure and phase.
 * A failure to connect stays out of the latency figures (nothing was measured but how fast the
 * connection was refused); every other outcome, a timeout or a reset included, is a latency sample.
 * A dropped arrival has a corrected latency (how long it waited) but no service time and no
 * scheduling lag.
 */
public final class LatencyRecorder {

    /** The most distinct endpoint names kept; further names share one entry. */
    public static final int MAX_ENDPOINTS = 100;

    static final String OTHER_ENDPOINTS = "(other endpoints)";

    private final LatencyPair latency = new LatencyPair();
    private final LatencySeries lag = new LatencySeries();
    private final OutcomeCounts outcomes = new OutcomeCounts();
    private final LongAdder warmupIterations = new LongAdder();
    /** How many iterations were recorded; the sign bit, once set, seals the recorder. */
    private final AtomicLong recordedAndSealed = new AtomicLong();

    private final RedactedTexts redacted;
    private final ErrorSamples errors;
    private final ConcurrentMap<String, EndpointRecorder> endpoints = new ConcurrentHashMap<>();
    private final LongAdder blocked = new LongAdder();
    private volatile @Nullable String firstBlocked;
    private final Watches watches;
    private final CheckCounts checks;
    private final PhaseMap phaseMap;
    private final PhaseRecorder[] phases;
    private final Intervals intervals = new Intervals();
    private volatile long runStartNanos;
    private volatile long measuredFromNanos = Long.MAX_VALUE;

    /** A recorder with no phases, no watched statuses or limits, and the default redaction. */
    public LatencyRecorder() {
        this(PhaseMap.NONE, Set.of(), new long[0], Redaction.DEFAULT);
    }

    /**
     * A recorder for one run.
     *
     * @param phaseMap the run's phases
     * @param watchedStatuses statuses to count one by one (a {@code @NeverStatus}); the status classes
     *     are counted per endpoint anyway
     * @param watchedLimitsMicros latency limits, in microseconds, for which to count the corrected
     *     latencies at or above them, for thresholds that abort the run
     * @param redaction the secrets to mask in every name and message it keeps
     */
    public LatencyRecorder(
            PhaseMap phaseMap, Set<Integer> watchedStatuses, long[] watchedLimitsMicros, Redaction redaction) {
        this.phaseMap = phaseMap;
        this.phases = phaseMap.names().stream().map(PhaseRecorder::new).toArray(PhaseRecorder[]::new);
        this.redacted = new RedactedTexts(redaction);
        this.errors = new ErrorSamples(redacted);
        this.checks = new CheckCounts(redacted);
        this.watches = new Watches(watchedStatuses, watchedLimitsMicros);
    }

    /** How many measured corrected latencies reached the watched limit with this index so far. */
    public long countAtOrAbove(int watchedLimit) {
        return watches.atOrAbove(watchedLimit);
    }

    /**
     * Marks the run's start and the start of the measured window; iterations intended before the
     * latter are warm-up.
     *
     * @param startNanos the run's start
     * @param measuredFrom the end of the warm-up
     */
    public void start(long startNanos, long measuredFrom) {
        runStartNanos = startNanos;
        measuredFromNanos = measuredFrom;
    }

    /** Sets the start of the measured window, with the run starting there too. */
    public void measureFrom(long nanos) {
        start(nanos, nanos);
    }

    /** Whether an iteration intended at this time is measured rather than warm-up. */
    public boolean isMeasured(long intendedNanos) {
        return intendedNanos - measuredFromNanos >= 0;
    }

    /**
     * Records one finished iteration.
     *
     * @param intendedNanos when it was due
     * @param startedNanos when its body started
     * @param doneNanos when its body returned or threw
     * @param outcome how it ended
     * @param failure what it threw, for the error samples; null on success
     */
    public void recordIteration(
            long intendedNanos, long startedNanos, long doneNanos, Outcome outcome, @Nullable Throwable failure) {
        recordIteration(intendedNanos, startedNanos, doneNanos, outcome, failure, outcome.hasLatency());
    }

    /**
     * Records one finished iteration, saying whether it has a latency: an iteration whose first
     * request reached the service keeps its time even when a later request failed without latency.
     *
     * @param intendedNanos when it was due
     * @param startedNanos when its body started
     * @param doneNanos when its body returned or threw
     * @param outcome how it ended
     * @param failure what it threw, for the error samples; null on success
     * @param hasLatency whether its time counts in the latency figures
     */
    public void recordIteration(
            long intendedNanos,
            long startedNanos,
            long doneNanos,
            Outcome outcome,
            @Nullable Throwable failure,
            boolean hasLatency) {
        record(intendedNanos, startedNanos, doneNanos, outcome, hasLatency, failure, null);
    }

    /**
     * Records an iteration that ended with an error status no check accepted.
     *
     * @param intendedNanos when it was due
     * @param startedNanos when its body started
     * @param doneNanos when its body returned
     * @param outcome {@link Outcome#HTTP_4XX} or {@link Outcome#HTTP_5XX}
     * @param message what was received, for the error samples
     */
    public void recordUnacceptedStatus(
            long intendedNanos, long startedNanos, long doneNanos, Outcome outcome, String message) {
        record(intendedNanos, startedNanos, doneNanos, outcome, outcome.hasLatency(), null, message);
    }

    /** Records one iteration; its failure, if any, comes as what it threw or as a message. */
    private void record(
            long intendedNanos,
            long startedNanos,
            long doneNanos,
            Outcome outcome,
            boolean hasLatency,
            @Nullable Throwable failure,
            @Nullable String failureMessage) {
        if (!admit()) {
            return;
        }
        long correctedMicros = Micros.ceil(doneNanos - intendedNanos);
        long serviceMicros = Micros.ceil(doneNanos - startedNanos);
        if (!isMeasured(intendedNanos)) {
            warmupIterations.increment();
            return;
        }
        int phase = phaseMap.phaseAt(intendedNanos - runStartNanos);
        if (phase >= 0) {
            phases[phase].count(outcome);
            recordLatency(phases[phase].latency, outcome, hasLatency, correctedMicros, serviceMicros);
        }
        outcomes.increment(outcome);
        if (hasLatency) {
            watches.latency(correctedMicros);
        }
        recordLatency(latency, outcome, hasLatency, correctedMicros, serviceMicros);
        if (outcome == Outcome.DROPPED) {
            return;
        }
        long lagMicros = Micros.ceil(startedNanos - intendedNanos);
        lag.record(lagMicros);
        if (phase >= 0) {
            phases[phase].lag.record(lagMicros);
        }
        if (failure != null) {
            errors.record(outcome, failure);
        } else if (failureMessage != null) {
            errors.record(outcome, failureMessage);
        }
    }

    /**
     * Corrected latency counts from the intended start: the time a caller arriving on schedule would
     * have waited. A dropped arrival has only that; an outcome without latency (a refused connection) has neither.
     */
    private static void recordLatency(
            LatencyPair pair, Outcome outcome, boolean hasLatency, long correctedMicros, long serviceMicros) {
        if (outcome == Outcome.DROPPED) {
            pair.recordCorrected(correctedMicros);
        } else if (hasLatency) {
            pair.record(correctedMicros, serviceMicros);
        }
    }

    /**
     * Records an arrival that never started because no worker became free before the run ended.
     *
     * @param intendedNanos when it was due
     * @param givenUpNanos when the run stopped waiting for a worker
     */
    public void recordDropped(long intendedNanos, long givenUpNanos) {
        recordIteration(intendedNanos, givenUpNanos, givenUpNanos, Outcome.DROPPED, null);
    }

    /** Counts a measured response's status, if it is watched. */
    public void countStatus(int status) {
        watches.status(status);
    }

    /** How many measured responses had this watched status; zero for a status not watched. */
    public long statusCount(int status) {
        return watches.statusCount(status);
    }

    /** Counts one evaluation of a named check. */
    public void recordCheck(String name, boolean passed) {
        checks.record(name, passed);
    }

    /** Counts one more recorded iteration, unless the recorder is sealed. */
    private boolean admit() {
        long state;
        do {
            state = recordedAndSealed.get();
            if (state < 0) {
                return false;
            }
        } while (!recordedAndSealed.compareAndSet(state, state + 1));
        return true;
    }

    /**
     * Ends recording in one atomic step: iterations that finish from now on are ignored, and those of
     * the expected ones not recorded by now are counted as cancelled, without latency.
     *
     * @param expected iterations started plus arrivals dropped, warm-up included
     * @return how many never finished
     */
    public long seal(long expected) {
        long recorded = recordedAndSealed.getAndUpdate(state -> state | Long.MIN_VALUE) & Long.MAX_VALUE;
        long unfinished = Math.max(0, expected - recorded);
        if (unfinished > 0) {
            outcomes.add(Outcome.CANCELLED, unfinished);
            errors.record(Outcome.CANCELLED, unfinished + " iteration(s) ignored cancellation and never finished");
        }
        return unfinished;
    }

    /**
     * The recorder for a named endpoint.
     *
     * @param name for example {@code "GET /api/templates"}
     * @return the recorder, shared by every request of that name
     */
    public EndpointRecorder endpoint(String name) {
        // Keyed by the name reported: names that differ only in a secret are one endpoint.
        String redactedName = redacted.of(name);
        EndpointRecorder recorder = endpoints.get(redactedName);
        if (recorder != null) {
            return recorder;
        }
        String key = endpoints.size() < MAX_ENDPOINTS ? redactedName : OTHER_ENDPOINTS;
        return endpoints.computeIfAbsent(key, EndpointRecorder::new);
    }

    /**
     * Closes the current interval: folds what was recorded into the totals and keeps the interval.
     * Call from the coordinating thread, about once a second, and once at the end.
     *
     * @param nowNanos the run's clock
     * @return the interval just closed
     */
    public synchronized IntervalSnapshot tick(long nowNanos) {
        LatencyDistribution[] interval = latency.harvestInterval();
        LatencyDistribution lagInterval = lag.harvestInterval();
        foldEndpointsAndPhases();
        return intervals.close(
                (nowNanos - runStartNanos) / 1e9, outcomes.sums(), interval[0], interval[1], lagInterval);
    }

    /** Folds the endpoints' and the phases' recorders into their totals. */
    private void foldEndpointsAndPhases() {
        endpoints.values().forEach(EndpointRecorder::harvest);
        for (PhaseRecorder phase : phases) {
            phase.latency.harvest();
            phase.lag.harvest();
        }
    }

    /**
     * What was recorded so far, with everything since the last interval folded into the totals but
     * not made an interval of its own.
     *
     * @return the recording
     */
    public synchronized Recording recording() {
        latency.harvest();
        lag.harvest();
        foldEndpointsAndPhases();
        List<PhaseSnapshot> phaseSnapshots = new ArrayList<>();
        for (PhaseRecorder phase : phases) {
            phaseSnapshots.add(new PhaseSnapshot(
                    phase.name,
                    phaseMap.startNanosOf(phase.name),
                    phaseMap.endNanosOf(phase.name),
                    phaseMap.lengthNanosOf(phase.name),
                    phase.latency.corrected(),
                    phase.latency.service(),
                    phase.lag.distribution(),
                    phase.outcomes()));
        }
        return new Recording(
                latency.corrected(),
                latency.service(),
                lag.distribution(),
                outcomes(),
                warmupIterations.sum(),
                errors.samples(),
                endpoints.values().stream()
                        .map(EndpointRecorder::snapshot)
                        .sorted(Comparator.comparing(EndpointSnapshot::name))
                        .toList(),
                phaseSnapshots,
                checks.results(),
                watches.statusCounts(),
                blocked.sum(),
                firstBlocked == null ? "" : redacted.of(firstBlocked),
                intervals.closed());
    }

    /** Measured iterations that did not succeed, so far. */
    public long failures() {
        long failed = 0;
        for (Outcome outcome : Outcome.values()) {
            if (!outcome.isSuccess()) {
                failed += outcomes.sum(outcome);
            }
        }
        return failed;
    }

    private Map<Outcome, Long> outcomes() {
        return outcomes.sums();
    }

    /**
     * Counts a request that was not sent (its host not allowed, or past the request cap), warm-up
     * included and whatever the iteration then did with the exception.
     *
     * @param message why it was not sent
     */
    public void countBlocked(String message) {
        if (firstBlocked == null) {
            firstBlocked = message;
        }
        blocked.increment();
    }
}
