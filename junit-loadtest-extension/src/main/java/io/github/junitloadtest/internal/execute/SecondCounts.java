package io.github.junitloadtest.internal.execute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts of events in each whole second after a start, for one writing thread: eight bytes a
 * second, so an hour's run keeps 28 KiB.
 */
final class SecondCounts {

    private static final long SECOND = 1_000_000_000L;

    private long[] counts = new long[64];
    private int seconds;

    /** Counts one event this many nanoseconds after the start; one before it counts in the first second. */
    void add(long offsetNanos) {
        int second = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, offsetNanos) / SECOND);
        if (second >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(second + 1, counts.length * 2));
        }
        counts[second]++;
        seconds = Math.max(seconds, second + 1);
    }

    /** The counts from the first second to the last one with an event. */
    List<Long> toList() {
        List<Long> list = new ArrayList<>(seconds);
        for (int second = 0; second < seconds; second++) {
            list.add(counts[second]);
        }
        return List.copyOf(list);
    }
}
