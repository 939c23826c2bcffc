package io.github.junitloadtest.internal.run;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When each load test of a shard's JVM starts, when the JVM runs several: the first at the shared
 * start, each next one when the one before had its slot's time, whether it used it or not. Every
 * shard runs the same tests in the same order (the same commit and selection), so every shard gives
 * the same test the same start, with nothing to coordinate.
 */
public final class StartSlots {

    /** Time after a load and its request timeout: the drain's margins, the reports, the next test's set-up. */
    static final Duration GAP = Duration.ofSeconds(7);

    private @Nullable Instant base;
    private @Nullable Instant next;
    private int taken;

    /**
     * Takes the next slot.
     *
     * @param startAt the shared start of the run
     * @param length the load's duration and its request timeout
     * @return the slot's start, and its number from 1
     */
    public synchronized Slot take(Instant startAt, Duration length) {
        Instant start = next;
        if (start == null || !startAt.equals(base)) {
            base = startAt;
            start = startAt;
            taken = 0;
        }
        Slot slot = new Slot(start, ++taken);
        next = start.plus(length).plus(GAP);
        return slot;
    }

    /**
     * A load test's start in a shard's JVM.
     *
     * @param start when it starts
     * @param number which of the JVM's load tests it is, from 1
     */
    public record Slot(Instant start, int number) {}
}
