package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Figures of one phase: the measured iterations whose intended start lies in its stages; a warm-up
 * declared with {@link LoadTest#warmup()} is left out here too.
 *
 * @param name the phase, for example {@code "spike"}
 * @param startSeconds when its first stage starts, after the run's start
 * @param endSeconds when its last stage ends
 * @param iterations iterations of the phase, failed ones included
 * @param failed of those, the ones that failed
 * @param outcomes its iterations by outcome
 * @param corrected corrected latency
 * @param serviceTime service-time latency
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PhaseResult(
        String name,
        double startSeconds,
        double endSeconds,
        long iterations,
        long failed,
        Map<Outcome, Long> outcomes,
        LatencySummary corrected,
        LatencySummary serviceTime) {}
