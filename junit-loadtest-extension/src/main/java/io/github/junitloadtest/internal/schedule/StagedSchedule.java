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

    private final Stages stages;
    private final double[] arrivalsBefore;
    private final long size;

    /**
     * The schedule of rates given by stages.
     *
     * @param stages each stage's rate, in arrivals per second
     */
    public StagedSchedule(Stages stages) {
        this.stages = stages;
        int count = stages.list().size();
        arrivalsBefore = new double[count];
        double arrivals = 0;
        for (int k = 0; k < count; k++) {
            arrivalsBefore[k] = arrivals;
            arrivals += stages.list().get(k).area();
        }
        // Arrival i exists when i < total arrivals; a tiny epsilon keeps 1002.0000000001 from adding one.
        size = (long) Math.ceil(arrivals - 1e-9);
    }

    /** The schedule of these stages' rates. */
    public StagedSchedule(List<Stages.Stage> stages) {
        this(new Stages(stages));
    }

    @Override
    public long intendedStartNanos(long index) {
        int k = stageOf(index);
        Stages.Stage stage = stages.list().get(k);
        // An earlier stage's total can be a hair above a whole number (2.2 × 15 = 33.00000000000001).
        double n = Math.max(0, index - arrivalsBefore[k]);
        double r0 = stage.from();
        double r1 = stage.to();
        double seconds;
        if (r0 == r1) {
            seconds = n / r0;
        } else {
            double a = (r1 - r0) / (2 * stage.lengthNanos() / 1e9);
            // The stable root of a·τ² + r0·τ − n = 0, also for r0 = 0 and for a falling rate.
            seconds = 2 * n / (r0 + Math.sqrt(Math.max(0, r0 * r0 + 4 * a * n)));
        }
        long within = Math.max(0, Math.min(Math.round(seconds * 1e9), Math.max(0, stage.lengthNanos() - 1)));
        return stages.startNanosOf(k) + within;
    }

    private int stageOf(long index) {
        for (int k = stages.list().size() - 1; k >= 0; k--) {
            if (stages.list().get(k).area() > 0 && index >= arrivalsBefore[k] - 1e-9) {
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
        return stages.lengthNanos();
    }
}
