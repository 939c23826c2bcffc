package io.github.junitloadtest.internal.schedule;

import java.util.List;

/**
 * A load's stages in order, with the arithmetic every part of a run shares: where each stage starts
 * and ends, which stage a moment falls in, and the load at a moment (linear within a stage, as in
 * k6's ramping executors). The rate of an open model and the users of a closed one follow it alike.
 */
public final class Stages {

    /**
     * One stage: the load goes linearly from {@code from} to {@code to} over {@code lengthNanos}.
     *
     * @param name its phase, or empty
     * @param lengthNanos zero for an instant change
     * @param from the load at its start, zero or more
     * @param to the load at its end, zero or more
     */
    public record Stage(String name, long lengthNanos, double from, double to) {

        public Stage {
            if (lengthNanos < 0 || !(from >= 0) || !(to >= 0) || Double.isInfinite(from) || Double.isInfinite(to)) {
                throw new IllegalArgumentException("invalid stage " + lengthNanos + " ns, " + from + " → " + to);
            }
        }

        /** The integral of the load over the stage: its arrivals, for a rate. */
        double area() {
            return (from + to) / 2 * lengthNanos / 1e9;
        }
    }

    private final List<Stage> stages;
    private final long[] endNanos;

    /**
     * The stages, in order.
     *
     * @param stages at least one, with a positive total length
     */
    public Stages(List<Stage> stages) {
        this.stages = List.copyOf(stages);
        endNanos = new long[this.stages.size()];
        long offset = 0;
        for (int k = 0; k < endNanos.length; k++) {
            offset += this.stages.get(k).lengthNanos();
            endNanos[k] = offset;
        }
        if (offset <= 0) {
            throw new IllegalArgumentException("a load needs stages with a positive length");
        }
    }

    /** The stages, in order. */
    public List<Stage> list() {
        return stages;
    }

    /** How long all stages last. */
    public long lengthNanos() {
        return endNanos[endNanos.length - 1];
    }

    /** Where stage {@code k} starts, after the load's start. */
    public long startNanosOf(int k) {
        return k == 0 ? 0 : endNanos[k - 1];
    }

    /** Where each stage ends, after the load's start, in order. */
    public long[] endsNanos() {
        return endNanos.clone();
    }

    /**
     * The stage a moment falls in.
     *
     * @param offsetNanos nanoseconds after the load's start
     * @return its index, or -1 before the start or from the end on
     */
    public int indexAt(long offsetNanos) {
        if (offsetNanos < 0) {
            return -1;
        }
        for (int k = 0; k < endNanos.length; k++) {
            if (offsetNanos < endNanos[k]) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The load at a moment: linear within its stage.
     *
     * @param offsetNanos nanoseconds after the load's start
     * @return the load, zero outside every stage
     */
    public double valueAt(long offsetNanos) {
        int k = indexAt(offsetNanos);
        if (k < 0) {
            return 0;
        }
        Stage stage = stages.get(k);
        double progress = (double) (offsetNanos - startNanosOf(k)) / stage.lengthNanos();
        return stage.from() + (stage.to() - stage.from()) * progress;
    }

    /** The highest load of any stage. */
    public double peak() {
        return stages.stream()
                .mapToDouble(stage -> Math.max(stage.from(), stage.to()))
                .max()
                .orElse(0);
    }
}
