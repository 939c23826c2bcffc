package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.TimelinePoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The run second by second: what completed in each interval, and the corrected p95 over a sliding
 * window. Keeps a few numbers per interval and only the window's histograms, so a two-hour run stays
 * small.
 */
final class Timeline {

    private final int windowIntervals;
    private final Deque<Histogram> window = new ArrayDeque<>();
    private final Deque<Long> windowFailures = new ArrayDeque<>();
    private final List<TimelinePoint> points = new ArrayList<>();

    Timeline(int windowIntervals) {
        this.windowIntervals = Math.max(1, windowIntervals);
    }

    /**
     * Adds an interval.
     *
     * @param iterations every iteration that ended in it, those without a latency sample included
     */
    TimelinePoint add(double endSeconds, long iterations, Histogram corrected, Histogram service,
            Map<Outcome, Long> failuresByOutcome) {
        long failures = failuresByOutcome.values().stream().mapToLong(Long::longValue).sum();
        window.addLast(corrected.copy());
        windowFailures.addLast(failures);
        while (window.size() > windowIntervals) {
            window.removeFirst();
            windowFailures.removeFirst();
        }
        Histogram windowed = new Histogram(3);
        window.forEach(windowed::add);
        TimelinePoint point = new TimelinePoint(endSeconds, iterations, failures,
                millis(corrected, 50), millis(corrected, 95), millis(corrected, 99), millis(service, 50),
                millis(service, 95), millis(service, 99),
                corrected.getTotalCount() == 0 ? 0 : corrected.getMaxValue() / 1000.0,
                millis(windowed, 95), windowed.getTotalCount(),
                windowFailures.stream().mapToLong(Long::longValue).sum(), Map.copyOf(failuresByOutcome));
        points.add(point);
        return point;
    }

    List<TimelinePoint> points() {
        return List.copyOf(points);
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
