package io.github.junitloadtest.support;

import io.github.junitloadtest.internal.schedule.NanoClock;
import io.github.junitloadtest.internal.schedule.Pacer;
import java.util.concurrent.Semaphore;

/**
 * A clock that only moves when told to; as a pacer it jumps to each deadline instead of sleeping,
 * and waits for permits the same way: take them if free, else move to the deadline and try once more.
 */
public final class ManualClock implements NanoClock, Pacer {

    private long now;

    public ManualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void awaitNanos(long deadlineNanos) {
        now = Math.max(now, deadlineNanos);
    }

    @Override
    public boolean acquire(Semaphore permits, int count, long deadlineNanos, NanoClock clock) {
        if (permits.tryAcquire(count)) {
            return true;
        }
        awaitNanos(deadlineNanos);
        return permits.tryAcquire(count);
    }

    public synchronized void advanceMillis(long millis) {
        now += millis * 1_000_000;
    }

    /** Moves time on by a number of nanoseconds. */
    public synchronized void advanceNanos(long nanos) {
        now += nanos;
    }
}
