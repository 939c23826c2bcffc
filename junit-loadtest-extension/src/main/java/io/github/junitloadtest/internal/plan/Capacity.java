package io.github.junitloadtest.internal.plan;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * A capacity search ({@code @CapacityTest}): which rates it may try, how long each step lasts, when
 * it ends, and the capacity it must find ({@code @CapacityAbove}).
 *
 * @param from the first step's rate, requests per second
 * @param to the highest rate tried
 * @param step how long each step is measured
 * @param settle how long each step runs before it is measured
 * @param growth the factor from one rate to the next until a step breaks the SLO
 * @param resolution how close the last good and the first broken rate must come, relative to the good one
 * @param maxDuration the longest the steps and probes may last, added up
 * @param recovery how long a probe at the last good rate is measured after a broken step
 * @param declaredMaxInFlight the declared in-flight cap, 0 for each step's automatic one
 * @param above the capacity the search must exceed, if declared
 * @param timeout each step's request timeout, which its last iterations may take after its load
 * @param maxRequests the most requests all steps together may make; 0 for no cap
 */
public record Capacity(
        double from,
        double to,
        Duration step,
        Duration settle,
        double growth,
        double resolution,
        Duration maxDuration,
        Duration recovery,
        int declaredMaxInFlight,
        OptionalDouble above,
        Duration timeout,
        long maxRequests) {

    /** How many probes at the last good rate are made after a broken step before the search gives up on recovery. */
    public static final int MAX_PROBES = 3;

    /**
     * The same search with its durations multiplied by the duration scale, and the timeout and request
     * cap the test's other attributes gave.
     *
     * @param scale the duration scale
     * @param requestTimeout each step's request timeout
     * @param requestCap the whole search's request cap, 0 for none
     * @return the search as it runs
     */
    public Capacity resolved(double scale, Duration requestTimeout, long requestCap) {
        return new Capacity(
                from,
                to,
                LoadPlanResolver.scale(step, scale),
                LoadPlanResolver.scale(settle, scale),
                growth,
                resolution,
                LoadPlanResolver.scale(maxDuration, scale),
                LoadPlanResolver.scale(recovery, scale),
                declaredMaxInFlight,
                above,
                requestTimeout,
                requestCap);
    }

    public Capacity {
        if (!(from > 0) || !(to > from) || Double.isInfinite(to) || !(growth > 1) || !(resolution > 0)) {
            throw new IllegalArgumentException("invalid capacity search " + from + " → " + to + " ×" + growth);
        }
    }
}
