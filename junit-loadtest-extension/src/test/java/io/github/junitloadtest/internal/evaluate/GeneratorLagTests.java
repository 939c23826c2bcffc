package io.github.junitloadtest.internal.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.LatencySummary;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GeneratorLagTests {

    /** Corrected latency whose p99 is 40 ms: a lag p99 of at least a quarter of that explains it. */
    private static final LatencySummary CORRECTED = new LatencySummary(1000, 5, 8, 9, 40, 60, 70, 6);

    private static LatencySummary lagWithP99(double p99) {
        return new LatencySummary(1000, 0.1, 0.2, 0.3, p99, p99, p99 + 5, 0.2);
    }

    @Test
    void aGeneratorThatStartedIterationsLateWithWorkersFreeSaysSo() {
        assertThat(GeneratorCheck.lagNote(CORRECTED, lagWithP99(42), 0, 99.5, OptionalDouble.of(500)))
                .contains(
                        "Load generator lag: the generator started iterations late (scheduling lag p99 42 ms, max 47 ms;"
                                + " generator CPU peak 99.5 %) although a worker was free for every arrival. That delay is the"
                                + " generator's, not the service's, and is part of the corrected latency; run the load from a"
                                + " less busy machine or at a lower rate before blaming the service.");
    }

    @Test
    void theBoundIsTenMillisecondsOrFivePercentOfTheSmallestLimit() {
        assertThat(GeneratorCheck.lagNote(CORRECTED, lagWithP99(9.99), 0, 50, OptionalDouble.empty()))
                .isEmpty();
        assertThat(GeneratorCheck.lagNote(CORRECTED, lagWithP99(10), 0, 50, OptionalDouble.empty()))
                .isPresent();
        assertThat(GeneratorCheck.lagNote(CORRECTED, lagWithP99(24.9), 0, 50, OptionalDouble.of(500)))
                .isEmpty();
        assertThat(GeneratorCheck.lagNote(CORRECTED, lagWithP99(25), 0, 50, OptionalDouble.of(500)))
                .isPresent();
    }

    @Test
    void lagFromWaitingForAWorkerIsTheServicesAndEarnsNoNote() {
        assertThat(GeneratorCheck.lagNote(CORRECTED, lagWithP99(300), 12, 30, OptionalDouble.of(500)))
                .isEmpty();
        assertThat(GeneratorCheck.lagNote(CORRECTED, LatencySummary.EMPTY, 0, 30, OptionalDouble.of(500)))
                .isEmpty();
    }

    @Test
    void lagThatIsASmallPartOfTheCorrectedLatencyEarnsNoNote() {
        LatencySummary slowService = new LatencySummary(1000, 150, 170, 171, 400, 420, 450, 160);
        assertThat(GeneratorCheck.lagNote(slowService, lagWithP99(99.9), 0, 50, OptionalDouble.empty()))
                .isEmpty();
        assertThat(GeneratorCheck.lagNote(slowService, lagWithP99(100), 0, 50, OptionalDouble.empty()))
                .isPresent();
    }
}
