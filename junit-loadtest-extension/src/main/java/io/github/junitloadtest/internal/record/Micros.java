package io.github.junitloadtest.internal.record;

/** Converts nanosecond spans to whole microseconds, rounding up so a latency is never understated. */
final class Micros {

    private Micros() {}

    static long ceil(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999) / 1000;
    }
}
