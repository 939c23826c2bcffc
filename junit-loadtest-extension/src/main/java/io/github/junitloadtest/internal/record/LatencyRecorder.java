package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.EndpointResult;
import io.github.junitloadtest.api.ErrorSample;
import io.github.junitloadtest.api.Outcome;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records every iteration of one run: corrected and service-time latency, scheduling lag, outcomes
 * and per-endpoint figures. Safe for all workers at once; no locks on the recording path.
 *
 * <p>Iterations whose intended start falls in the warm-up are only counted. A failure to connect
 * stays out of the latency figures (nothing was measured but how fast the connection was refused);
 * every other outcome, a timeout or a reset included, is a latency sample. A dropped arrival has a
 * corrected latency (how long it waited) but no service time and no scheduling lag.
 */
public final class LatencyRecorder {

    /** The most distinct endpoint names kept; further names share one entry. */
    public static final int MAX_ENDPOINTS = 100;

    static final String OTHER_ENDPOINTS = "(other endpoints)";

    private final LatencyPair latency = new LatencyPair();
    private final Recorder lag = new Recorder(3);
    private final Histogram lagTotal = new Histogram(3);
    private Histogram lagInterval;
    private final LongAdder[] outcomes = new LongAdder[Outcome.values().length];
    private final LongAdder warmupIterations = new LongAdder();
    private final ErrorSamples errors = new ErrorSamples();
    private final ConcurrentMap<String, EndpointRecorder> endpoints = new ConcurrentHashMap<>();
    private final LongAdder recordedIterations = new LongAdder();
    private volatile long measuredFromNanos = Long.MAX_VALUE;
    private volatile boolean sealed;

    public LatencyRecorder() {
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    /**
     * Sets the start of the measured window; iterations intended before it are warm-up.
     *
     * @param nanos a reading of the run's clock
     */
    public void measureFrom(long nanos) {
        measuredFromNanos = nanos;
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
        if (sealed) {
            return;
        }
        recordedIterations.increment();
        if (!isMeasured(intendedNanos)) {
            warmupIterations.increment();
            return;
        }
        outcomes[outcome.ordinal()].increment();
        if (outcome == Outcome.DROPPED) {
            latency.recordCorrected(Micros.ceil(doneNanos - intendedNanos));
            return;
        }
        lag.recordValue(Micros.ceil(startedNanos - intendedNanos));
        if (outcome != Outcome.CONNECTION) {
            // From the intended start: the time a caller arriving on schedule would have waited.
            latency.record(Micros.ceil(doneNanos - intendedNanos), Micros.ceil(doneNanos - startedNanos));
        }
        if (failure != null) {
            errors.record(outcome, failure);
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

    /** How many iterations and dropped arrivals were recorded, warm-up included. */
    public long recordedIterations() {
        return recordedIterations.sum();
    }

    /**
     * Ends recording: iterations that finish from now on are ignored, and the given number of
     * iterations that never finished are counted as cancelled, without latency.
     *
     * @param unfinished iterations that were started but never recorded
     */
    public void seal(long unfinished) {
        sealed = true;
        if (unfinished > 0) {
            outcomes[Outcome.CANCELLED.ordinal()].add(unfinished);
            errors.record(Outcome.CANCELLED, unfinished + " iteration(s) ignored cancellation and never finished");
        }
    }

    /**
     * Records one failed iteration with a message instead of an exception.
     *
     * @param outcome how it ended
     * @param message why
     */
    public void recordErrorMessage(Outcome outcome, String message) {
        errors.record(outcome, message);
    }

    /**
     * The recorder for a named endpoint.
     *
     * @param name for example {@code "GET /api/templates"}
     * @return the recorder, shared by every request of that name
     */
    public EndpointRecorder endpoint(String name) {
        EndpointRecorder recorder = endpoints.get(name);
        if (recorder != null) {
            return recorder;
        }
        String key = endpoints.size() < MAX_ENDPOINTS ? name : OTHER_ENDPOINTS;
        return endpoints.computeIfAbsent(key, EndpointRecorder::new);
    }

    /** Folds everything recorded so far into the totals; call from the coordinating thread. */
    public void harvest() {
        latency.harvest();
        synchronized (lagTotal) {
            lagInterval = lag.getIntervalHistogram(lagInterval);
            lagTotal.add(lagInterval);
        }
        endpoints.values().forEach(EndpointRecorder::harvest);
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
        synchronized (lagTotal) {
            return new LatencyDistribution(lagTotal.copy(), lagTotal.getMean());
        }
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

    /** Per-endpoint figures, by name, as of the last harvest. */
    public List<EndpointResult> endpoints() {
        return endpoints.values().stream().map(EndpointRecorder::result)
                .sorted(Comparator.comparing(EndpointResult::name)).toList();
    }
}
