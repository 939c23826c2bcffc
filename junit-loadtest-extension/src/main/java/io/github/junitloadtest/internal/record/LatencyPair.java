package io.github.junitloadtest.internal.record;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Corrected and service-time latency recorded by many threads at once, without locks.
 *
 * <p>Writers go to HdrHistogram {@link Recorder}s (wait-free); one reader folds their interval
 * histograms into running totals, so memory stays the same however long the run.
 */
final class LatencyPair {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder corrected = new Recorder(SIGNIFICANT_DIGITS);
    private final Recorder service = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram correctedTotal = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram serviceTotal = new Histogram(SIGNIFICANT_DIGITS);
    private final LongAdder correctedSum = new LongAdder();
    private final LongAdder serviceSum = new LongAdder();
    private Histogram correctedInterval;
    private Histogram serviceInterval;

    void record(long correctedMicros, long serviceMicros) {
        recordCorrected(correctedMicros);
        service.recordValue(serviceMicros);
        serviceSum.add(serviceMicros);
    }

    /** Records a sample that has a corrected latency but no service time, such as a dropped arrival. */
    void recordCorrected(long correctedMicros) {
        corrected.recordValue(correctedMicros);
        correctedSum.add(correctedMicros);
    }

    /** Folds what was recorded since the last call into the totals; call from one thread only. */
    synchronized void harvest() {
        correctedInterval = corrected.getIntervalHistogram(correctedInterval);
        serviceInterval = service.getIntervalHistogram(serviceInterval);
        correctedTotal.add(correctedInterval);
        serviceTotal.add(serviceInterval);
    }

    synchronized LatencyDistribution corrected() {
        return distribution(correctedTotal, correctedSum);
    }

    synchronized LatencyDistribution service() {
        return distribution(serviceTotal, serviceSum);
    }

    private static LatencyDistribution distribution(Histogram total, LongAdder sum) {
        long count = total.getTotalCount();
        return new LatencyDistribution(total.copy(), count == 0 ? 0 : (double) sum.sum() / count);
    }
}
