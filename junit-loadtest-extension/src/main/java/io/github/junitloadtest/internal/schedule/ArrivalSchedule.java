package io.github.junitloadtest.internal.schedule;

/**
 * When each arrival of a constant-rate schedule is due, as offsets from the run's start.
 *
 * @param rps arrivals per second, positive and finite
 * @param lengthNanos the schedule's length; arrivals due at or after it are not part of it
 */
public record ArrivalSchedule(double rps, long lengthNanos) implements Schedule {

    public ArrivalSchedule {
        if (!(rps > 0) || Double.isInfinite(rps)) {
            throw new IllegalArgumentException("rps must be positive and finite but was " + rps);
        }
        if (lengthNanos <= 0) {
            throw new IllegalArgumentException("lengthNanos must be positive but was " + lengthNanos);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Computed from the index, not by adding intervals, so rounding never accumulates into drift.
     *
     * @param index zero-based
     * @return nanoseconds after the start
     */
    @Override
    public long intendedStartNanos(long index) {
        return Math.round(index * 1e9 / rps);
    }

    /** Whether the arrival is due before the schedule ends. */
    public boolean contains(long index) {
        return intendedStartNanos(index) < lengthNanos;
    }

    @Override
    public long countBefore(long offsetNanos) {
        if (offsetNanos <= 0) {
            return 0;
        }
        // ceil(offset * rps / 1e9), then corrected for the rounding intendedStartNanos applies.
        long count = (long) Math.ceil(offsetNanos * rps / 1e9);
        while (count > 0 && intendedStartNanos(count - 1) >= offsetNanos) {
            count--;
        }
        while (intendedStartNanos(count) < offsetNanos) {
            count++;
        }
        return count;
    }

    @Override
    public long size() {
        return countBefore(lengthNanos);
    }
}
