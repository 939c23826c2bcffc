package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.CheckResult;
import io.github.junitloadtest.api.EndpointResult;
import io.github.junitloadtest.api.ErrorSample;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.PhaseResult;
import io.github.junitloadtest.api.TimelinePoint;
import io.github.junitloadtest.internal.format.Redaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Records every iteration of one run: corrected and service-time latency, scheduling lag, outcomes,
 * phases, per-endpoint figures, statuses, checks and a per-second timeline. Safe for all workers at
 * once; no locks on the recording path.
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
    private final LongAdder[] outcomes = new LongAdder[Outcome.values().length];
    private final LongAdder warmupIterations = new LongAdder();
    /** How many iterations were recorded; the sign bit, once set, seals the recorder. */
    private final AtomicLong recordedAndSealed = new AtomicLong();
    private final RedactedTexts redacted = new RedactedTexts();
    private final ErrorSamples errors = new ErrorSamples(redacted);
    private final ConcurrentMap<String, EndpointRecorder> endpoints = new ConcurrentHashMap<>();
    private final LongAdder blocked = new LongAdder();
    private volatile String firstBlocked;
    private int[] watchedStatuses = new int[0];
    private LongAdder[] watchedStatusCounts = new LongAdder[0];
    private final CheckCounts checks = new CheckCounts(redacted);
    private final PhaseMap phaseMap;
    private final PhaseRecorder[] phases;
    private final Timeline timeline;
    private long[] watchedLimitsMicros = new long[0];
    private LongAdder[] watchedAbove = new LongAdder[0];
    private final long[] previousOutcomes = new long[Outcome.values().length];
    private double previousTickSeconds;
    private IntervalLog intervalLog;
    private Consumer<TimelinePoint> tickListener = point -> { };
    private volatile long runStartNanos;
    private volatile long measuredFromNanos = Long.MAX_VALUE;

    /** A recorder with no phases and a five-interval window. */
    public LatencyRecorder() {
        this(PhaseMap.NONE, 5);
    }

    /**
     * A recorder for a run with phases.
     *
     * @param phaseMap the run's phases
     * @param windowIntervals how many timeline intervals the sliding window spans
     */
    public LatencyRecorder(PhaseMap phaseMap, int windowIntervals) {
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
        this.phaseMap = phaseMap;
        this.phases = phaseMap.names().stream().map(PhaseRecorder::new).toArray(PhaseRecorder[]::new);
        this.timeline = new Timeline(windowIntervals);
    }

    /**
     * Writes every interval to an HdrHistogram log as well.
     *
     * @param log the open log; closed by its owner
     */
    public void logIntervalsTo(IntervalLog log) {
        this.intervalLog = log;
    }

    /**
     * Tells the listener about every interval as it closes, on the coordinating thread; for progress.
     *
     * @param listener receives each new timeline point
     */
    public void onTick(Consumer<TimelinePoint> listener) {
        this.tickListener = listener;
    }

    /**
     * Counts how many corrected latencies reach each limit, for thresholds that abort the run.
     *
     * @param limitsMicros the limits, in microseconds
     */
    public void watchLatencyLimits(long[] limitsMicros) {
        LongAdder[] above = new LongAdder[limitsMicros.length];
        for (int i = 0; i < above.length; i++) {
            above[i] = new LongAdder();
        }
        watchedAbove = above;
        watchedLimitsMicros = limitsMicros.clone();
    }

    /** How many measured corrected latencies reached the watched limit with this index so far. */
    public long countAtOrAbove(int watchedLimit) {
        return watchedAbove[watchedLimit].sum();
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
    public void recordIteration(long intendedNanos, long startedNanos, long doneNanos, Outcome outcome,
            Throwable failure) {
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
    public void recordIteration(long intendedNanos, long startedNanos, long doneNanos, Outcome outcome,
            Throwable failure, boolean hasLatency) {
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
    public void recordUnacceptedStatus(long intendedNanos, long startedNanos, long doneNanos, Outcome outcome,
            String message) {
        record(intendedNanos, startedNanos, doneNanos, outcome, outcome.hasLatency(), null, message);
    }

    /** Records one iteration; its failure, if any, comes as what it threw or as a message. */
    private void record(long intendedNanos, long startedNanos, long doneNanos, Outcome outcome, boolean hasLatency,
            Throwable failure, String failureMessage) {
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
        outcomes[outcome.ordinal()].increment();
        if (hasLatency) {
            for (int i = 0; i < watchedLimitsMicros.length; i++) {
                if (correctedMicros >= watchedLimitsMicros[i]) {
                    watchedAbove[i].increment();
                }
            }
        }
        recordLatency(latency, outcome, hasLatency, correctedMicros, serviceMicros);
        if (outcome == Outcome.DROPPED) {
            return;
        }
        lag.record(Micros.ceil(startedNanos - intendedNanos));
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
    private static void recordLatency(LatencyPair pair, Outcome outcome, boolean hasLatency, long correctedMicros,
            long serviceMicros) {
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


    /**
     * Counts these statuses from now on (a {@code @NeverStatus}); set before the run starts. The
     * status classes are counted per endpoint; only statuses a verdict names are counted one by one.
     *
     * @param statuses the statuses to count
     */
    public void watchStatuses(Set<Integer> statuses) {
        int[] watched = statuses.stream().mapToInt(Integer::intValue).toArray();
        LongAdder[] counts = new LongAdder[watched.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        watchedStatusCounts = counts;
        watchedStatuses = watched;
    }

    /** Counts a measured response's status, if it is watched. */
    public void countStatus(int status) {
        for (int i = 0; i < watchedStatuses.length; i++) {
            if (watchedStatuses[i] == status) {
                watchedStatusCounts[i].increment();
            }
        }
    }

    /** How many measured responses had this watched status; zero for a status not watched. */
    public long statusCount(int status) {
        for (int i = 0; i < watchedStatuses.length; i++) {
            if (watchedStatuses[i] == status) {
                return watchedStatusCounts[i].sum();
            }
        }
        return 0;
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
            outcomes[Outcome.CANCELLED.ordinal()].add(unfinished);
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
     * Closes the current interval of the timeline: folds what was recorded into the totals and adds a
     * point. Call from the coordinating thread, about once a second, and once at the end.
     *
     * @param nowNanos the run's clock
     */
    public synchronized void tick(long nowNanos) {
        Histogram[] interval = fold();
        Map<Outcome, Long> failuresByOutcome = new EnumMap<>(Outcome.class);
        long iterations = 0;
        for (Outcome outcome : Outcome.values()) {
            long total = outcomes[outcome.ordinal()].sum();
            long inInterval = total - previousOutcomes[outcome.ordinal()];
            previousOutcomes[outcome.ordinal()] = total;
            iterations += inInterval;
            if (!outcome.isSuccess() && inInterval > 0) {
                failuresByOutcome.put(outcome, inInterval);
            }
        }
        double seconds = (nowNanos - runStartNanos) / 1e9;
        TimelinePoint point = timeline.add(seconds, iterations, interval[0], interval[1], failuresByOutcome);
        if (intervalLog != null) {
            intervalLog.write(previousTickSeconds, seconds, interval[0], interval[1]);
        }
        previousTickSeconds = seconds;
        tickListener.accept(point);
    }

    /** Folds everything recorded so far into the totals without adding a timeline point. */
    public synchronized void harvest() {
        fold();
    }

    /** Folds every recorder's interval into its total; returns the run's corrected and service intervals. */
    private Histogram[] fold() {
        Histogram[] interval = latency.harvest();
        lag.harvest();
        endpoints.values().forEach(EndpointRecorder::harvest);
        for (PhaseRecorder phase : phases) {
            phase.latency.harvest();
        }
        return interval;
    }

    /** Measured iterations that did not succeed, so far. */
    public long failures() {
        long failed = 0;
        for (Outcome outcome : Outcome.values()) {
            if (!outcome.isSuccess()) {
                failed += outcomes[outcome.ordinal()].sum();
            }
        }
        return failed;
    }

    /** Corrected latency of measured iterations, as of the last harvest. */
    public LatencyDistribution corrected() {
        return latency.corrected();
    }

    /** Service-time latency of measured iterations, as of the last harvest. */
    public LatencyDistribution serviceTime() {
        return latency.service();
    }

    /** Scheduling lag (actual minus intended start) of measured iterations, as of the last harvest. */
    public LatencyDistribution schedulingLag() {
        return lag.distribution();
    }

    /** Measured iterations by outcome, every outcome present. */
    public Map<Outcome, Long> outcomes() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, outcomes[outcome.ordinal()].sum());
        }
        return counts;
    }

    /** Iterations of the warm-up. */
    public long warmupIterations() {
        return warmupIterations.sum();
    }

    /** The first distinct failure messages. */
    public List<ErrorSample> errors() {
        return errors.samples();
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

    /** Requests that were not sent, warm-up included. */
    public long blockedRequests() {
        return blocked.sum();
    }

    /** Why the first request that was not sent was refused, redacted; empty when none was. */
    public String firstBlocked() {
        return firstBlocked == null ? "" : redacted.of(firstBlocked);
    }

    /** What this recorder masks, for everything else the run reports. */
    public Redaction redaction() {
        return redacted.redaction();
    }

    /**
     * Masks these secrets in every name and message this recorder reports; set before the run starts.
     *
     * @param redaction what to mask
     * @return this recorder
     */
    public LatencyRecorder redacting(Redaction redaction) {
        redacted.use(redaction);
        return this;
    }

    /** Per-endpoint figures, by name, as of the last harvest. */
    public List<EndpointResult> endpoints() {
        return endpoints.values().stream().map(EndpointRecorder::result)
                .sorted(Comparator.comparing(EndpointResult::name)).toList();
    }

    /** Corrected latency of one endpoint, as of the last harvest; empty for an unknown name. */
    public Optional<LatencyDistribution> endpointLatency(String name) {
        return Optional.ofNullable(endpoints.get(name)).map(EndpointRecorder::corrected);
    }

    /** Each check's passes and failures. */
    public List<CheckResult> checks() {
        return checks.results();
    }

    /** The phases' names. */
    public PhaseMap phaseMap() {
        return phaseMap;
    }

    /** Corrected latency of one phase, as of the last harvest. */
    public Optional<LatencyDistribution> phaseLatency(String name) {
        int index = phaseMap.names().indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(phases[index].latency.corrected());
    }

    /** Iterations of one phase by outcome. */
    public Map<Outcome, Long> phaseOutcomes(String name) {
        int index = phaseMap.names().indexOf(name);
        return index < 0 ? Map.of() : phases[index].outcomes();
    }

    /** Per-phase figures, as of the last harvest. */
    public List<PhaseResult> phases() {
        List<PhaseResult> results = new ArrayList<>();
        for (PhaseRecorder phase : phases) {
            Map<Outcome, Long> counts = phase.outcomes();
            long iterations = counts.values().stream().mapToLong(Long::longValue).sum();
            long failed = iterations - counts.get(Outcome.SUCCESS);
            results.add(new PhaseResult(phase.name, phaseMap.startNanosOf(phase.name) / 1e9,
                    phaseMap.endNanosOf(phase.name) / 1e9, iterations, failed, counts,
                    phase.latency.corrected().summary(), phase.latency.service().summary()));
        }
        return results;
    }

    /** The per-interval timeline. */
    public List<TimelinePoint> timeline() {
        return timeline.points();
    }
}
