package io.github.junitloadtest.internal.record;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/** One latency figure recorded by many threads without locks, folded into a total by one reader. */
final class LatencySeries {

    private final Recorder recorder = new Recorder(LatencyDistribution.SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(LatencyDistribution.SIGNIFICANT_DIGITS);
    private final LongAdder sum = new LongAdder();
    private long totalSum;
    private @Nullable Histogram interval;

    void record(long micros) {
        recorder.recordValue(micros);
        sum.add(micros);
    }

    /** Folds the values since the last call into the total. */
    synchronized void harvest() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        totalSum += sum.sumThenReset();
    }

    /**
     * Folds the values since the last call into the total.
     *
     * @return the values since the last call, in a compact copy of their own
     */
    synchronized LatencyDistribution harvestInterval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        // Harvested with the histogram, so the sum covers the same values as the count.
        long intervalSum = sum.sumThenReset();
        totalSum += intervalSum;
        // Compacted here: the interval histogram is recycled by the next harvest.
        return new LatencyDistribution(interval, intervalSum).compact();
    }

    synchronized LatencyDistribution distribution() {
        return new LatencyDistribution(total.copy(), totalSum);
    }
}
