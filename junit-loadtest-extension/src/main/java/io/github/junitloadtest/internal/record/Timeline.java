package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.TimelinePoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The run interval by interval as the reports show it: each interval's figures and the corrected
 * p95 over a sliding window of intervals. Keeps only the window's intervals while it goes.
 */
public final class Timeline {

    private final int windowIntervals;
    /** The window's intervals, their corrected latencies decoded once. */
    private final Deque<Windowed> window = new ArrayDeque<>();

    private record Windowed(LatencyDistribution corrected, long failures) {}

    /**
     * An empty timeline.
     *
     * @param windowIntervals how many intervals the sliding window spans; at least one
     */
    public Timeline(int windowIntervals) {
        this.windowIntervals = Math.max(1, windowIntervals);
    }

    /**
     * The points of a run's intervals.
     *
     * @param intervals the intervals, in order
     * @param windowIntervals how many intervals the sliding window spans
     * @return one point per interval
     */
    public static List<TimelinePoint> of(List<IntervalSnapshot> intervals, int windowIntervals) {
        Timeline timeline = new Timeline(windowIntervals);
        List<TimelinePoint> points = new ArrayList<>(intervals.size());
        for (IntervalSnapshot interval : intervals) {
            points.add(timeline.add(interval));
        }
        return points;
    }

    /**
     * Adds the next interval.
     *
     * @param interval the interval after the last one added
     * @return its point
     */
    public TimelinePoint add(IntervalSnapshot interval) {
        // Decoded once each: an interval's distributions are kept compact.
        LatencyDistribution corrected = interval.corrected().expanded();
        LatencyDistribution service = interval.service().expanded();
        window.addLast(new Windowed(corrected, interval.failures()));
        while (window.size() > windowIntervals) {
            window.removeFirst();
        }
        Histogram windowed = new Histogram(LatencyDistribution.SIGNIFICANT_DIGITS);
        long windowFailures = 0;
        for (Windowed inWindow : window) {
            windowed.add(inWindow.corrected().histogram());
            windowFailures += inWindow.failures();
        }
        return new TimelinePoint(
                interval.endSeconds(),
                interval.iterations(),
                interval.failures(),
                corrected.percentileMillis(50),
                corrected.percentileMillis(95),
                corrected.percentileMillis(99),
                service.percentileMillis(50),
                service.percentileMillis(95),
                service.percentileMillis(99),
                corrected.maxMillis(),
                windowed.getTotalCount() == 0 ? 0 : windowed.getValueAtPercentile(95) / 1000.0,
                windowed.getTotalCount(),
                windowFailures,
                interval.failuresByOutcome());
    }
}
