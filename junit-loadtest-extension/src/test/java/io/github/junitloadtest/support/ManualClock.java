package io.github.junitloadtest.support;

import io.github.junitloadtest.internal.schedule.NanoClock;
import io.github.junitloadtest.internal.schedule.Pacer;

/** A clock that only moves when told to; as a pacer it jumps to each deadline instead of sleeping. */
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

    public synchronized void advanceMillis(long millis) {
        now += millis * 1_000_000;
    }
}
