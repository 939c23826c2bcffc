package io.github.junitloadtest.internal.schedule;

/** A monotonic clock in nanoseconds; tests move a manual one forward. */
@FunctionalInterface
public interface NanoClock {

    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** The current time in nanoseconds, comparable only with other readings of the same clock. */
    long nanoTime();
}
