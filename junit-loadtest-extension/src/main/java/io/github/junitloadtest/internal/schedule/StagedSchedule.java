package io.github.junitloadtest.internal.schedule;

import java.util.List;

/**
 * Arrivals of a rate that changes linearly within each stage (k6's ramping arrival rate).
 *
 * <p>Arrival {@code i} is due when the integral of the rate reaches {@code i}. Within a stage that
 * ramps from {@code r0} to {@code r1} over {@code T} seconds, {@code n} arrivals into it are due
 * {@code τ} seconds after its start, where {@code r0·τ + (r1 − r0)·τ²/(2T) = n}. Every arrival is
 * computed from its index, so nothing accumulates into drift.
 */
public final class StagedSchedule implements Schedule {

    /**
     * One stage: the rate goes linearly from {@code fromRps} to {@code toRps} over {@code lengthNanos}.
     *
     * @param lengthNanos zero for an instant change of rate
     * @param fromRps rate at the stage's start, zero or more
     * @param toRps rate at the stage's end, zero or more
     */
    public record Segment(long lengthNanos, double fromRps, double toRps) {

        public Segment {
            if (lengthNanos < 0 || !(fromRps >= 0) || !(toRps >= 0) || Double.isInfinite(fromRps)
                    || Double.isInfinite(toRps)) {
                throw new IllegalArgumentException("invalid segment " + lengthNanos + " ns, " + fromRps + " → " + toRps);
            }
        }

        double arrivals() {
            return (fromRps + toRps) / 2 * lengthNanos / 1e9;
        }
    }

    private final List<Segment> segments;
    private final long[] startNanos;
    private final double[] arrivalsBefore;
    private final long lengthNanos;
    private final long size;

    public StagedSchedule(List<Segment> segments) {
        this.segments = List.copyOf(segments);
        int count = this.segments.size();
        startNanos = new long[count];
        arrivalsBefore = new double[count];
        long offset = 0;
        double arrivals = 0;
        for (int k = 0; k < count; k++) {
            startNanos[k] = offset;
            arrivalsBefore[k] = arrivals;
            offset += this.segments.get(k).lengthNanos();
            arrivals += this.segments.get(k).arrivals();
        }
        if (offset <= 0) {
            throw new IllegalArgumentException("a schedule needs a positive length");
        }
        lengthNanos = offset;
        // Arrival i exists when i < total arrivals; a tiny epsilon keeps 1002.0000000001 from adding one.
        size = (long) Math.ceil(arrivals - 1e-9);
    }

    @Override
    public long intendedStartNanos(long index) {
        int k = segmentOf(index);
        Segment segment = segments.get(k);
        // An earlier stage's total can be a hair above a whole number (2.2 × 15 = 33.00000000000001).
        double n = Math.max(0, index - arrivalsBefore[k]);
        double r0 = segment.fromRps();
        double r1 = segment.toRps();
        double seconds;
        if (r0 == r1) {
            seconds = n / r0;
        } else {
            double a = (r1 - r0) / (2 * segment.lengthNanos() / 1e9);
            // The stable root of a·τ² + r0·τ − n = 0, also for r0 = 0 and for a falling rate.
            seconds = 2 * n / (r0 + Math.sqrt(Math.max(0, r0 * r0 + 4 * a * n)));
        }
        long within = Math.max(0, Math.min(Math.round(seconds * 1e9), Math.max(0, segment.lengthNanos() - 1)));
        return startNanos[k] + within;
    }

    private int segmentOf(long index) {
        for (int k = segments.size() - 1; k >= 0; k--) {
            if (segments.get(k).arrivals() > 0 && index >= arrivalsBefore[k] - 1e-9) {
                return k;
            }
        }
        throw new IllegalArgumentException("arrival " + index + " is before the first stage with arrivals");
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long lengthNanos() {
        return lengthNanos;
    }
}
