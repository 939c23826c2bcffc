package io.github.junitloadtest.internal.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.evaluate.CapacitySearch.Held;
import io.github.junitloadtest.internal.record.Accounting;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a capacity step's verdict reads for the search: a shortfall is the generator's only when
 * its workers were free; when the service held them, the step broke the SLO.
 */
class CapacityHeldTests {

    private static final Violation SHORTFALL = new Violation.GeneratorShortfall(
            "Load generator delivered 300 req/s" + " of the 400 req/s requested (75 %); no verdict on the service.",
            400, 300);

    private static Verdict failing(Violation... violations) {
        return new Verdict(400, List.of(), List.of(violations), List.of(), "", List.of());
    }

    private static Accounting accounting(long scheduled, long sent, long late) {
        return new Accounting(scheduled, sent, late, scheduled, sent, 0, false, "", sent, 0, 0, List.of(), List.of());
    }

    @Test
    void aShortfallWithEveryWorkerFreeIsTheGeneratorsAndOneWhileTheServiceHeldThemBreaksTheSlo() {
        assertThat(CapacitySearch.held(failing(SHORTFALL), accounting(4000, 3000, 0)))
                .isEqualTo(Held.GENERATOR);
        assertThat(CapacitySearch.held(failing(SHORTFALL), accounting(4000, 3000, 250)))
                .isEqualTo(Held.BROKE);
    }

    @Test
    void theGeneratorsOwnLagBesideABrokenLatencyIsTheGeneratorsAndAnInterruptStopsTheSearch() {
        ThresholdResult p95 = new ThresholdResult(
                "p95 latency", "", "<", 100, 180, "ms", 1000, false, "p95 latency 180 ms exceeded 100 ms");
        Verdict lagging = new Verdict(
                400,
                List.of(p95),
                List.of(new Violation.ThresholdBroken(p95, true, 0)),
                List.of(new Note.GeneratorLag(GeneratorCheck.LAG_NOTE_START + "…")),
                "",
                List.of());
        assertThat(CapacitySearch.held(lagging, accounting(4000, 4000, 0))).isEqualTo(Held.GENERATOR);

        ThresholdResult errors =
                new ThresholdResult("error rate", "", "<", 1, 4, "%", 1000, false, "error rate 4 % exceeded 1 %");
        Verdict laggingAndFailing = new Verdict(
                400,
                List.of(p95, errors),
                List.of(new Violation.ThresholdBroken(p95, true, 0), new Violation.ThresholdBroken(errors, false, 0)),
                List.of(new Note.GeneratorLag(GeneratorCheck.LAG_NOTE_START + "…")),
                "",
                List.of());
        assertThat(CapacitySearch.held(laggingAndFailing, accounting(4000, 4000, 0)))
                .as("the generator's lag explains no error")
                .isEqualTo(Held.BROKE);

        Verdict slow = new Verdict(
                400, List.of(p95), List.of(new Violation.ThresholdBroken(p95, true, 0)), List.of(), "", List.of());
        assertThat(CapacitySearch.held(slow, accounting(4000, 4000, 0))).isEqualTo(Held.BROKE);
        assertThat(CapacitySearch.held(
                        failing(new Violation.Interrupted("Load test x was interrupted")), accounting(4000, 100, 0)))
                .isEqualTo(Held.STOPPED);
    }
}
