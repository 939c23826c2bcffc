package io.github.junitloadtest.internal.record;

/**
 * Corrected and service-time latency recorded by many threads at once, without locks.
 *
 * <p>Writers go to HdrHistogram {@code Recorder}s (wait-free); one reader folds their interval
 * histograms into running totals, so memory stays the same however long the run. Means are kept
 * exactly, beside the histograms, since bucket midpoints could understate them.
 */
final class LatencyPair {

    private final LatencySeries corrected = new LatencySeries();
    private final LatencySeries service = new LatencySeries();

    void record(long correctedMicros, long serviceMicros) {
        corrected.record(correctedMicros);
        service.record(serviceMicros);
    }

    /** Records a sample that has a corrected latency but no service time, such as a dropped arrival. */
    void recordCorrected(long correctedMicros) {
        corrected.record(correctedMicros);
    }

    /** Folds what was recorded since the last call into the totals; call from one thread only. */
    void harvest() {
        corrected.harvest();
        service.harvest();
    }

    /**
     * Folds what was recorded since the last call into the totals; call from one thread only.
     *
     * @return the interval's corrected and service-time samples, in compact copies of their own
     */
    LatencyDistribution[] harvestInterval() {
        return new LatencyDistribution[] {corrected.harvestInterval(), service.harvestInterval()};
    }

    LatencyDistribution corrected() {
        return corrected.distribution();
    }

    LatencyDistribution service() {
        return service.distribution();
    }
}
