package io.github.junitloadtest.internal.schedule;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for a point in time; tests substitute one that moves a manual clock instead. */
@FunctionalInterface
public interface Pacer {

    /**
     * Returns once the clock has reached the deadline.
     *
     * @param deadlineNanos a reading of the pacer's clock
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void awaitNanos(long deadlineNanos) throws InterruptedException;

    /**
     * Waits until the clock reaches the deadline, however early the pacer wakes.
     *
     * @param deadlineNanos the clock reading to wait for
     * @param clock the clock the deadline is on
     * @throws InterruptedException when interrupted while waiting
     */
    default void awaitUntil(long deadlineNanos, NanoClock clock) throws InterruptedException {
        while (clock.nanoTime() - deadlineNanos < 0) {
            awaitNanos(deadlineNanos);
        }
    }

    /**
     * Takes permits, waiting for them until the deadline at most; a manual pacer moves its clock to
     * the deadline instead of waiting.
     *
     * @param permits where to take them from
     * @param count how many, all at once
     * @param deadlineNanos a reading of the clock
     * @param clock the clock the deadline is read on
     * @return whether they were taken
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    default boolean acquire(Semaphore permits, int count, long deadlineNanos, NanoClock clock)
            throws InterruptedException {
        return permits.tryAcquire(count, Math.max(0, deadlineNanos - clock.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * A pacer that parks the thread until the deadline of the given clock.
     *
     * @param clock the clock deadlines are read on
     * @return the pacer
     */
    static Pacer parking(NanoClock clock) {
        return deadlineNanos -> {
            // Checked first: a scheduler that is behind never parks, and must still stop when asked.
            if (Thread.interrupted()) {
                throw new InterruptedException("load test interrupted");
            }
            long remaining;
            while ((remaining = deadlineNanos - clock.nanoTime()) > 0) {
                // parkNanos may return early (spuriously or on unpark); the loop re-checks the clock.
                LockSupport.parkNanos(remaining);
                if (Thread.interrupted()) {
                    throw new InterruptedException("load test interrupted while waiting for the next arrival");
                }
            }
        };
    }
}
