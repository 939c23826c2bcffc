package io.github.junitloadtest.internal.record;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** One latency figure recorded by many threads without locks, folded into a total by one reader. */
final class LatencySeries {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private final LongAdder sum = new LongAdder();
    private long totalSum;
    private Histogram interval;

    void record(long micros) {
        recorder.recordValue(micros);
        sum.add(micros);
    }

    /** Folds the values since the last call into the total; returns them, valid until the next call. */
    synchronized Histogram harvest() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        // Harvested with the histogram, so the mean covers the same values as the count.
        totalSum += sum.sumThenReset();
        return interval;
    }

    synchronized LatencyDistribution distribution() {
        long count = total.getTotalCount();
        return new LatencyDistribution(total.copy(), count == 0 ? 0 : (double) totalSum / count);
    }
}
