package io.github.junitloadtest.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.api.CapacityAbove;
import io.github.junitloadtest.api.CapacityTest;
import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.NoRegression;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.ThroughputAbove;
import io.github.junitloadtest.internal.evaluate.Violation;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.support.ManualPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity search on a manual clock, against a fake service whose every iteration takes a known
 * time as a function of the step's rate: the steps, the capacity and the messages are exact.
 * Iterations run inline, so an iteration longer than the gap between arrivals delays the next one:
 * that is the generator falling behind, which a search must not take for the service's capacity.
 */
class CapacityRunTests {

    @TempDir
    Path reports;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<Double> rates = new ArrayList<>();

    /** Half a millisecond per request per second: p95 reaches the SLO's 10 ms at 20 req/s. */
    private static final DoubleUnaryOperator LINEAR = rps -> 0.5 * rps;

    private LoadPlan plan(String fixture) {
        return new ManualPipeline(reports).plan(Fixtures.class, fixture);
    }

    private LoadRun.Finished search(String fixture, DoubleUnaryOperator serviceMillis) {
        ManualPipeline pipeline = new ManualPipeline(reports);
        pipeline.transport.answer("/capped", 0, 200, "{}");
        LoadPlan plan = pipeline.plan(Fixtures.class, fixture);
        return CapacityRun.execute(
                plan,
                step -> {
                    double rps = step.constantRps();
                    rates.add(rps);
                    long nanos = Math.round(serviceMillis.applyAsDouble(rps) * 1_000_000);
                    return pipeline.run(step, http -> {
                        pipeline.clock.advanceNanos(nanos);
                        if (step.safety().maxRequests() > 0) {
                            http.get("/capped");
                        }
                    });
                },
                time -> pipeline.clock.advanceNanos(time.toNanos()),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private static LoadTestResult.CapacitySearch capacity(LoadRun.Finished finished) {
        return finished.verdict().capacity().orElseThrow();
    }

    @Test
    void growsUntilAStepBreaksTheSloThenBisectsToTheResolutionWithAProbeAfterTheBrokenStep() {
        LoadRun.Finished finished = search("knee", LINEAR);

        assertThat(rates).containsExactly(5.0, 10.0, 20.0, 10.0, 15.0, 17.5, 18.8, 19.4);
        LoadTestResult.CapacitySearch found = capacity(finished);
        assertThat(found.capacityRps()).isEqualTo(19.4);
        assertThat(found.firstBrokenRps()).isEqualTo(20.0);
        assertThat(found.end()).isEqualTo("resolved");
        assertThat(found.atLeast()).isFalse();
        assertThat(found.steps())
                .extracting(LoadTestResult.CapacityStep::kind)
                .containsExactly("step", "step", "step", "probe", "step", "step", "step", "step");
        assertThat(found.steps())
                .extracting(LoadTestResult.CapacityStep::held)
                .containsExactly("met", "met", "broke", "met", "met", "met", "met", "met");
        assertThat(found.steps().get(2).p95Millis()).isEqualTo(10.0, org.assertj.core.data.Offset.offset(0.01));
        // Each step runs from its first arrival to its last iteration's end: 11.8 s of the 12 s planned at 5 req/s.
        // The broken step stopped 0.6 s into its measured time, then 3 s passed without load before the probe.
        assertThat(found.steps())
                .extracting(LoadTestResult.CapacityStep::startSeconds)
                .satisfiesExactly(
                        start -> assertThat(start).isEqualTo(0.0),
                        start -> assertThat(start).isCloseTo(11.8025, org.assertj.core.data.Offset.offset(0.001)),
                        start -> assertThat(start).isCloseTo(23.7075, org.assertj.core.data.Offset.offset(0.001)),
                        start -> assertThat(start).isCloseTo(29.3075, org.assertj.core.data.Offset.offset(0.001)),
                        start -> assertThat(start).isCloseTo(34.2125, org.assertj.core.data.Offset.offset(0.001)),
                        start -> assertThat(start).isCloseTo(46.1533, org.assertj.core.data.Offset.offset(0.001)),
                        start -> assertThat(start).isCloseTo(58.1049, org.assertj.core.data.Offset.offset(0.001)),
                        start -> assertThat(start).isCloseTo(70.0824, org.assertj.core.data.Offset.offset(0.001)));
        assertThat(found.message())
                .startsWith("19.4 req/s met the SLO and 20 req/s broke it (p95 latency 10")
                .endsWith("; resolution 5 %");
        assertThat(finished.verdict().passed()).isTrue();
        assertThat(finished.snapshot().identity().configuration().load()).isEqualTo("19.4 req/s for 10 s");
        assertThat(finished.verdict().noteTexts().get(0)).startsWith("Capacity search: 19.4 req/s met the SLO");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("  capacity search CapacityRunTests.Fixtures.knee step 3: 20 req/s broke the SLO (p95 10")
                .contains("step 4: probe at 10 req/s met the SLO (p95 5");
    }

    @Test
    void capacityAboveFailsLikeAThresholdWhenTheCapacityFoundIsNotAboveIt() {
        LoadRun.Finished passing = search("gatedBelowKnee", LINEAR);
        assertThat(passing.verdict().passed()).isTrue();
        assertThat(passing.verdict().thresholds())
                .last()
                .satisfies(gate -> assertThat(gate.message())
                        .startsWith("capacity 19.4 req/s is above 15 req/s (@CapacityAbove): 19.4 req/s met the SLO"));

        LoadRun.Finished failing = search("gatedAboveKnee", LINEAR);
        assertThat(failing.verdict().violations())
                .singleElement()
                .extracting(Violation::message)
                .asString()
                .startsWith("capacity 19.4 req/s is not above 25 req/s (@CapacityAbove): 19.4 req/s met the SLO and"
                        + " 20 req/s broke it");
    }

    @Test
    void neverTriesARateAboveToAndSaysTheCapacityIsAtLeastTo() {
        LoadRun.Finished finished = search("capped", LINEAR);

        assertThat(rates).containsExactly(5.0, 10.0, 16.0);
        assertThat(capacity(finished).end()).isEqualTo("reached-to");
        assertThat(capacity(finished).atLeast()).isTrue();
        assertThat(capacity(finished).message())
                .isEqualTo("the SLO held at every rate up to 16 req/s, the highest"
                        + " allowed ('to'); capacity is at least 16 req/s");
    }

    @Test
    void startsNoStepThatWouldEndAfterTheTimeLimitCountingTheTimeTheStepsTookAndATimeoutToDrain() {
        // Two steps take 23.7 s, and the third, with its 10 s timeout, fits in the 50 s. It stops early, after
        // 2.6 s, so the probe fits too (26.3 + 8 + 10 s). The step at 15 req/s after it would not.
        LoadRun.Finished finished = search("timeLimited", LINEAR);

        assertThat(rates).containsExactly(5.0, 10.0, 20.0, 10.0);
        assertThat(capacity(finished).end()).isEqualTo("time-limit");
        assertThat(capacity(finished).message())
                .startsWith("10 req/s met the SLO and 20 req/s broke it (")
                .endsWith("; the next step would have ended after the time limit of 50 s (maxDuration)");
        assertThat(capacity(finished).capacityRps()).isEqualTo(10.0);
    }

    @Test
    void aStepTheGeneratorCouldNotKeepUpWithEndsTheSearchAtTheRateTheServiceHeld() {
        // Up to 10 req/s iterations take 1 ms; above, 60 ms each, longer than the 50 ms between arrivals at
        // 20 req/s: the arrivals start ever later while no worker is busy, the generator's delay, not the service's.
        LoadRun.Finished finished = search("knee", rps -> rps > 10 ? 60 : 1);

        assertThat(rates).containsExactly(5.0, 10.0, 20.0);
        LoadTestResult.CapacitySearch found = capacity(finished);
        assertThat(found.end()).isEqualTo("generator-limited");
        assertThat(found.atLeast()).isTrue();
        assertThat(found.capacityRps()).isEqualTo(10.0);
        assertThat(found.firstBrokenRps()).isNull();
        assertThat(found.message())
                .startsWith("capacity is at least 10 req/s; the load generator ran out at 20 req/s"
                        + " (Load generator lag: ")
                .contains("(loadtest.shard)");
        assertThat(finished.verdict().passed()).isTrue();
    }

    @Test
    void aServiceThatDoesNotRecoverAfterABrokenStepEndsTheSearchAfterThreeProbes() {
        boolean[] broken = {false};
        LoadRun.Finished finished = search("knee", rps -> {
            broken[0] |= rps >= 20;
            return broken[0] ? 12 : 1;
        });

        assertThat(rates).containsExactly(5.0, 10.0, 20.0, 10.0, 10.0, 10.0);
        assertThat(capacity(finished).end()).isEqualTo("not-recovered");
        assertThat(finished.verdict().passed())
                .as("a service that stays broken holds no capacity")
                .isFalse();
        assertThat(finished.verdict().violations())
                .extracting(Violation::message)
                .anySatisfy(message -> assertThat(message).startsWith("p95 latency 12"));
        assertThat(capacity(finished).message())
                .startsWith("10 req/s met the SLO and 20 req/s broke it (")
                .endsWith(", but 3 probes at 10 req/s after it did not meet the SLO again: the service did not"
                        + " recover, and the search stopped without a capacity it could hold");
    }

    @Test
    void aServiceThatBreaksTheSloAtTheFirstRateFailsWithThatStepsFailures() {
        LoadRun.Finished finished = search("knee", rps -> 30);

        assertThat(rates).containsExactly(5.0);
        assertThat(capacity(finished).end()).isEqualTo("broke-at-from");
        assertThat(capacity(finished).capacityRps()).isNull();
        assertThat(finished.verdict().violations())
                .extracting(Violation::message)
                .satisfiesExactly(
                        aborted -> assertThat(aborted)
                                .startsWith("aborted after 2.5 s: @P95Below: 3 iterations took 10 ms or" + " longer"),
                        broken -> assertThat(broken).startsWith("p95 latency 30"));
        assertThat(capacity(finished).message()).endsWith("; no rate met the SLO, so lower 'from' below 5 req/s");
    }

    @Test
    void aBrokenStepStopsAsSoonAsItsFailureIsCertain() {
        LoadRun.Finished finished = search("knee", rps -> rps >= 20 ? 15 : 1);

        LoadTestResult.CapacityStep broken = capacity(finished).steps().get(2);
        assertThat(broken.held()).isEqualTo("broke");
        // Planned for 2 s of settle and 10 s measured, it stopped 0.6 s into its measured time.
        assertThat(broken.durationSeconds()).isLessThan(3.0);
        assertThat(broken.brokenBy()).startsWith("p95 latency 15");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("step 3: 20 req/s broke the SLO");
        // Stopped early, it sent at its rate for the time it ran.
        assertThat(broken.achievedRps()).isEqualTo(20.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void theRequestCapIsTheWholeSearchsAndAStepThatReachesItStopsTheSearchAndFailsIt() {
        LoadRun.Finished finished = search("capOfTheSearch", LINEAR);

        // 60 requests at 5 req/s and 120 at 10 leave the step at 20 req/s 20 of the 200.
        assertThat(rates).containsExactly(5.0, 10.0, 20.0);
        assertThat(capacity(finished).end()).isEqualTo("stopped");
        assertThat(capacity(finished).message())
                .isEqualTo("stopped at 20 req/s: 2 request(s) were not sent, warm-up"
                        + " included: GET /capped was not sent: the run reached its cap of 20 requests; maxRequests = 200 is"
                        + " the whole search's, and the steps before it made 180");
        assertThat(finished.verdict().passed()).isFalse();
        assertThat(finished.verdict().violations())
                .extracting(Violation::message)
                .anySatisfy(message -> assertThat(message).startsWith("aborted after 1.1 s: request cap reached"));
    }

    @Test
    void stepsThatMadeEveryRequestTheCapAllowsEndTheSearchAndFailIt() {
        // 60 requests at 5 req/s and 120 at 10 make exactly the 180 allowed: no step at 20 req/s may start.
        LoadRun.Finished finished = search("capUsedUp", LINEAR);

        assertThat(rates).containsExactly(5.0, 10.0);
        assertThat(capacity(finished).end()).isEqualTo("request-cap");
        assertThat(finished.verdict().violations())
                .extracting(Violation::message)
                .containsExactly("the capacity"
                        + " search stopped: 10 req/s met the SLO; its steps made all 180 requests of maxRequests, so no further"
                        + " step could run");
    }

    @Test
    void badSearchesAreConfigurationErrorsBeforeAnyRequest() {
        assertThatThrownBy(() -> plan("inverted"))
                .hasMessage("Configuration errors (3):\n"
                        + "- @CapacityTest on method [Fixtures.inverted()] must declare a finite 'to' above 'from' [50.0], but"
                        + " was [10.0]; for example from = 10, to = 1000.\n"
                        + "- @CapacityTest on method [Fixtures.inverted()] declares 'settle' [\"10s\"] that is not shorter than"
                        + " 'step' [\"5s\"]; for example step = \"30s\", settle = \"5s\".\n"
                        + "- @CapacityTest on method [Fixtures.inverted()] declares 'resolution' [\"five\"]; expected a positive"
                        + " percentage such as \"5%\".");
        assertThatThrownBy(() -> plan("withoutSlo"))
                .hasMessage("Configuration error: @CapacityTest on method"
                        + " [Fixtures.withoutSlo()] declares no SLO to search against; declare the thresholds each step must"
                        + " meet, for example @P95Below(500) @ErrorRateBelow(1).");
        assertThatThrownBy(() -> plan("alsoLoadTest"))
                .hasMessage("Configuration error: Method [Fixtures.alsoLoadTest()]"
                        + " declares both @LoadTest and @CapacityTest; a capacity test runs its own steps of rate, so declare"
                        + " one of them.");
        assertThatThrownBy(() -> plan("gateAlone"))
                .hasMessage("Configuration error: @CapacityAbove on method"
                        + " [Fixtures.gateAlone()] requires @CapacityTest on the same method; for example @CapacityTest(from ="
                        + " 10, to = 1000).");
        assertThatThrownBy(() -> plan("sharedAttributes"))
                .hasMessage("Configuration errors (3):\n"
                        + "- @NoRegression on method [Fixtures.sharedAttributes()] is not supported on a @CapacityTest; gate on"
                        + " the capacity found with @CapacityAbove.\n"
                        + "- @CapacityTest on method [Fixtures.sharedAttributes()] declares 'timeout' [\"soon\"]; expected a"
                        + " duration such as \"500ms\", \"30s\", \"2m\", \"1h30m\" or \"PT30S\".\n"
                        + "- @CapacityTest on method [Fixtures.sharedAttributes()] must declare a 'maxInFlight' of 0 (automatic)"
                        + " or more, but was [-1]; for example maxInFlight = 200.");
        assertThatThrownBy(() -> plan("gateAboveTo"))
                .hasMessage("Configuration error: @CapacityAbove on method"
                        + " [Fixtures.gateAboveTo()] requires more than 40 req/s, but the search tries no rate above 'to'"
                        + " [40.0], so it could never pass; raise 'to' above the limit, for example to = 80.");
        assertThatThrownBy(() -> plan("timedOut"))
                .hasMessageStartingWith("Configuration error: @CapacityTest on method"
                        + " [Fixtures.timedOut()] runs for 610 s, longer than its JUnit timeout of 60 s");
    }

    static class Fixtures {
        @CapacityTest(from = 5, to = 40, step = "10s", settle = "2s", recovery = "3s")
        @P95Below(10)
        @ErrorRateBelow(1)
        void knee() {}

        @CapacityTest(from = 5, to = 40, step = "10s", settle = "2s", recovery = "3s")
        @P95Below(10)
        @CapacityAbove(15)
        void gatedBelowKnee() {}

        @CapacityTest(from = 5, to = 40, step = "10s", settle = "2s", recovery = "3s")
        @P95Below(10)
        @CapacityAbove(25)
        void gatedAboveKnee() {}

        @CapacityTest(
                from = 5,
                to = 40,
                step = "10s",
                settle = "2s",
                maxRequests = 200,
                baseUrl = "http://service.test")
        @P95Below(10)
        void capOfTheSearch(io.github.junitloadtest.api.LoadHttp http) {}

        @CapacityTest(
                from = 5,
                to = 40,
                step = "10s",
                settle = "2s",
                maxRequests = 180,
                baseUrl = "http://service.test")
        @P95Below(10)
        void capUsedUp(io.github.junitloadtest.api.LoadHttp http) {}

        @CapacityTest(from = 5, to = 40)
        @P95Below(10)
        @CapacityAbove(40)
        void gateAboveTo() {}

        @CapacityTest(from = 5, to = 16, step = "10s", settle = "2s")
        @P95Below(10)
        void capped() {}

        @CapacityTest(from = 5, to = 40, step = "10s", settle = "2s", recovery = "3s", maxDuration = "50s")
        @P95Below(10)
        void timeLimited() {}

        @CapacityTest(from = 50, to = 10, step = "5s", settle = "10s", resolution = "five")
        @P95Below(10)
        void inverted() {}

        @CapacityTest(from = 5, to = 40)
        @ThroughputAbove(1)
        void withoutSlo() {}

        @LoadTest(rps = 5, duration = "10s")
        @CapacityTest(from = 5, to = 40)
        @P95Below(10)
        void alsoLoadTest() {}

        @LoadTest(rps = 5, duration = "10s")
        @CapacityAbove(10)
        void gateAlone() {}

        @CapacityTest(from = 5, to = 40, maxInFlight = -1, timeout = "soon")
        @P95Below(10)
        @NoRegression
        void sharedAttributes() {}

        @CapacityTest(from = 5, to = 40)
        @P95Below(10)
        @Timeout(60)
        void timedOut() {}
    }
}
