package io.github.junitloadtest.internal.schedule;

/** When each arrival of an open-model run is due, as offsets from the run's start. */
public interface Schedule {

    /**
     * The intended start of an arrival, counted from the run's start; never decreasing with the index.
     *
     * @param index zero-based, below {@link #size()}
     * @return nanoseconds after the start
     */
    long intendedStartNanos(long index);

    /** How many arrivals the whole schedule has. */
    long size();

    /** The schedule's length; every arrival is due before it. */
    long lengthNanos();

    /**
     * How many arrivals are due before the given offset from the start.
     *
     * @param offsetNanos nanoseconds after the start
     * @return the count, from 0 to {@link #size()}
     */
    default long countBefore(long offsetNanos) {
        long low = 0;
        long high = size();
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (intendedStartNanos(middle) < offsetNanos) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
