package io.github.junitloadtest.internal.record;

import java.util.ArrayList;
import java.util.List;

/** Which phase (named stage) a moment of the run belongs to. */
public final class PhaseMap {

    /** No phases at all. */
    public static final PhaseMap NONE = new PhaseMap(new long[0], List.of());

    private final long[] stageEndNanos;
    private final int[] stagePhase;
    private final List<String> names;

    /**
     * Builds the map from where the stages end and their names.
     *
     * @param stageEndNanos where each stage ends, after the run's start, in order
     * @param stageNames each stage's phase name, empty for none
     */
    public PhaseMap(long[] stageEndNanos, List<String> stageNames) {
        this.stageEndNanos = stageEndNanos.clone();
        stagePhase = new int[stageEndNanos.length];
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < stageEndNanos.length; i++) {
            String name = stageNames.get(i);
            if (name.isEmpty()) {
                stagePhase[i] = -1;
            } else {
                if (!distinct.contains(name)) {
                    distinct.add(name);
                }
                stagePhase[i] = distinct.indexOf(name);
            }
        }
        names = List.copyOf(distinct);
    }

    /** The phases' names, in order of first appearance. */
    public List<String> names() {
        return names;
    }

    /**
     * The phase at an offset from the run's start.
     *
     * @param offsetNanos nanoseconds after the start
     * @return the index into {@link #names()}, or -1 outside every phase
     */
    public int phaseAt(long offsetNanos) {
        for (int i = 0; i < stageEndNanos.length; i++) {
            if (offsetNanos < stageEndNanos[i]) {
                return stagePhase[i];
            }
        }
        return -1;
    }

    /** When the phase's last stage ends, as an offset from the start; -1 for an unknown phase. */
    public long endNanosOf(String phase) {
        int index = names.indexOf(phase);
        long end = -1;
        for (int i = 0; i < stageEndNanos.length; i++) {
            if (stagePhase[i] == index && index >= 0) {
                end = stageEndNanos[i];
            }
        }
        return end;
    }

    /** How long the phase's stages last in all; they need not be adjacent. */
    public long lengthNanosOf(String phase) {
        int index = names.indexOf(phase);
        long length = 0;
        for (int i = 0; i < stageEndNanos.length; i++) {
            if (stagePhase[i] == index && index >= 0) {
                length += stageEndNanos[i] - (i == 0 ? 0 : stageEndNanos[i - 1]);
            }
        }
        return length;
    }

    /** When the phase's first stage starts, as an offset from the start; -1 for an unknown phase. */
    public long startNanosOf(String phase) {
        int index = names.indexOf(phase);
        for (int i = 0; i < stageEndNanos.length; i++) {
            if (stagePhase[i] == index && index >= 0) {
                return i == 0 ? 0 : stageEndNanos[i - 1];
            }
        }
        return -1;
    }
}
