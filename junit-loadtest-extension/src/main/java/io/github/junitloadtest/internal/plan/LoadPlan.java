package io.github.junitloadtest.internal.plan;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated load test: what to run, how hard, for how long, and what must hold.
 *
 * @param testId {@code ClassName.methodName}, nested classes joined with dots
 * @param rps arrivals per second
 * @param duration length of the schedule after the scale factor, warm-up included
 * @param warmup length of the warm-up after the scale factor, shorter than {@code duration}
 * @param timeout request timeout and drain limit
 * @param maxInFlight the most iterations at once
 * @param durationScale the factor applied to duration and warm-up
 * @param baseUrl the base URL for relative paths, if any
 * @param thresholds what must hold
 * @param reportDir where result files go
 */
public record LoadPlan(
        String testId,
        double rps,
        Duration duration,
        Duration warmup,
        Duration timeout,
        int maxInFlight,
        double durationScale,
        Optional<URI> baseUrl,
        List<Threshold> thresholds,
        Path reportDir) {

    public LoadPlan {
        if (!(rps > 0) || Double.isInfinite(rps)) {
            throw new IllegalArgumentException("rps must be positive and finite but was " + rps);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive but was " + duration);
        }
        if (warmup.isNegative() || warmup.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("warmup must lie in [0, duration) but was " + warmup);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive but was " + maxInFlight);
        }
        thresholds = List.copyOf(thresholds);
    }

    /** The length of the measured window, after the warm-up. */
    public Duration measuredWindow() {
        return duration.minus(warmup);
    }
}
