package io.github.junitloadtest.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.junitloadtest.api.ChecksAbove;
import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.MaxBelow;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.P50Below;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.P99Below;
import io.github.junitloadtest.api.Stage;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.evaluate.Note;
import io.github.junitloadtest.internal.evaluate.Verdict;
import io.github.junitloadtest.internal.evaluate.Violation;
import io.github.junitloadtest.internal.record.Recording;
import io.github.junitloadtest.support.ManualPipeline;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline, plan → schedule → execute → record → evaluate → report, on a manual clock:
 * bodies move time themselves, so every figure is exact and nothing sleeps.
 */
class ManualPipelineTests {

    @TempDir
    Path reports;

    private ManualPipeline pipeline;
    private int index;

    private LoadRun.Finished run(String fixture, Runnable body) {
        pipeline = new ManualPipeline(reports);
        return pipeline.run(Fixtures.class, fixture, () -> {
            body.run();
            index++;
        });
    }

    @Test
    void aStallOfTwoSecondsCountsFromEachArrivalsIntendedStart() {
        // Arrival 20 is due at 2.0 s and takes 2 s; arrivals 21–39 (2.1–3.9 s) start when it ends, at 4.0 s.
        LoadRun.Finished finished = run("stall", () -> {
            if (index == 20) {
                pipeline.clock.advanceMillis(2_000);
            }
        });
        Recording recording = finished.snapshot().recording();

        // 100 samples: 80 at 0 ms, then 100, 200, …, 2000 ms. Rank 99 is 1900 ms; rank 95 is 1500 ms.
        assertThat(recording.corrected().count()).isEqualTo(100);
        assertThat(recording.corrected().percentileMillis(99)).isEqualTo(bucketOf(1_900));
        assertThat(recording.corrected().percentileMillis(95)).isEqualTo(bucketOf(1_500));
        assertThat(recording.corrected().maxMillis()).isEqualTo(bucketOf(2_000));
        // Service time sees only the stalled iteration itself.
        assertThat(recording.service().percentileMillis(99)).isZero();
        assertThat(recording.service().maxMillis()).isEqualTo(bucketOf(2_000));
        assertThat(recording.lag().maxMillis()).isEqualTo(bucketOf(1_900));

        Verdict verdict = finished.verdict();
        assertThat(verdict.violations())
                .singleElement()
                .isInstanceOfSatisfying(Violation.ThresholdBroken.class, broken -> {
                    assertThat(broken.judgesLatency()).isTrue();
                    assertThat(broken.message())
                            .isEqualTo("p99 latency " + bucketOf(1_900)
                                    + " ms exceeded 1000 ms (n=100, 10 req/s for 10 s)");
                });
        assertThat(verdict.thresholds())
                .extracting(ThresholdResult::metric, ThresholdResult::passed)
                .containsExactlyInAnyOrder(tuple("p99 latency", false), tuple("p50 latency", true));
        // The scheduler itself was held up while no worker was busy: the lag note says so beside the failure.
        assertThat(verdict.explanations()).singleElement().isInstanceOf(Note.GeneratorLag.class);
        // The run ends when its last iteration, due at 9.9 s, does: nothing waits out the rest of the second.
        assertThat(pipeline.elapsedMillis()).isEqualTo(9_900);
    }

    @Test
    void aPerEndpointThresholdWithoutRequestsFailsAsAMistakeThatNoLagExplains() {
        LoadRun.Finished finished = run("noEndpoints", () -> {
            if (index == 20) {
                pipeline.clock.advanceMillis(2_000);
            }
        });

        assertThat(finished.verdict().notes()).hasAtLeastOneElementOfType(Note.GeneratorLag.class);
        assertThat(finished.verdict().violations())
                .singleElement()
                .extracting(Violation::message)
                .isEqualTo("@P95Below applies to each endpoint, but no request was made through LoadHttp");
        assertThat(finished.verdict().explanations()).isEmpty();
    }

    @Test
    void theWarmupLeavesOutTheArrivalsIntendedBeforeItsEnd() {
        // Arrival 5 (0.5 s) takes 1 s: arrivals 6–14 start at 1.5 s. Those due before 1 s are warm-up.
        LoadRun.Finished finished = run("warmup", () -> {
            if (index == 5) {
                pipeline.clock.advanceMillis(1_000);
            }
        });
        LoadTestResult result = finished.result();

        assertThat(result.counts().warmup()).isEqualTo(10);
        assertThat(result.counts().measured()).isEqualTo(20);
        // Measured: arrivals 10–14 waited 500, 400, …, 100 ms; the warm-up's 1000–600 ms are not counted.
        assertThat(result.corrected().maxMillis()).isEqualTo(bucketOf(500));
        assertThat(result.corrected().count()).isEqualTo(20);
        assertThat(result.passed()).isTrue();
        assertThat(finished.verdict().thresholds())
                .singleElement()
                .satisfies(max ->
                        assertThat(max.message()).startsWith("max latency " + bucketOf(500) + " ms stayed below"));
    }

    @Test
    void aPhaseThresholdJudgesOnlyItsPhase() {
        // Arrival 25 (2.5 s, in the spike) takes 500 ms: arrivals 26–29 wait 400–100 ms.
        LoadRun.Finished finished = run("phases", () -> {
            if (index == 25) {
                pipeline.clock.advanceMillis(500);
            }
        });

        // The spike's 20 samples: 15 at 0 ms, 100–500 ms; rank 19 is 400 ms. The steady phase never waited.
        assertThat(finished.verdict().thresholds())
                .extracting(ThresholdResult::scope, ThresholdResult::actual, ThresholdResult::passed)
                .containsExactly(tuple("phase steady", 0.0, true), tuple("phase spike", bucketOf(400), false));
        assertThat(finished.verdict().violations())
                .singleElement()
                .extracting(Violation::message)
                .isEqualTo("p95 latency in phase spike " + bucketOf(400)
                        + " ms exceeded 100 ms (n=20, up to 10 req/s over 4 s in 2 stages)");
    }

    @Test
    void anAbortingThresholdStopsTheRunOnceItIsCertainToFail() {
        // Every iteration fails; 10 % of 100 planned is 10, reached by the check at 1.0 s.
        LoadRun.Finished finished = run("abort", () -> {
            throw new IllegalStateException("broken");
        });

        assertThat(finished.snapshot().accounting().sent()).isEqualTo(10);
        assertThat(finished.snapshot().accounting().scheduled()).isEqualTo(10);
        assertThat(finished.verdict().violations())
                .first()
                .isEqualTo(new Violation.Aborted("aborted after 1 s:"
                        + " error rate: 10 iterations failed, at least the 10 % of 100 planned iterations that @ErrorRateBelow"
                        + " allows"));
        assertThat(finished.verdict().violations())
                .hasSize(2)
                .last()
                .extracting(Violation::message)
                .isEqualTo(
                        "error rate 100 % exceeded 10 % (10 of 10 iterations failed: 10 EXCEPTION; 10 req/s for 10 s)");
        assertThat(pipeline.elapsedMillis()).isEqualTo(1_000);
    }

    @Test
    void aGeneratorThatCannotDeliverTheLoadSaysSoInsteadOfJudgingTheService() {
        // Two workers, and iterations that never end until cancelled: arrivals 2–9 find no worker and are dropped.
        pipeline = new ManualPipeline(reports);
        pipeline.workers.hangFromNowOn();
        LoadRun.Finished finished = pipeline.run(Fixtures.class, "shortfall", () -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("cancelled at the end of the run");
            }
        });

        assertThat(finished.snapshot().accounting().sent()).isEqualTo(2);
        assertThat(finished.snapshot().accounting().dropped()).isEqualTo(8);
        assertThat(finished.snapshot().recording().outcomes())
                .containsEntry(Outcome.DROPPED, 8L)
                .containsEntry(Outcome.CANCELLED, 2L);
        assertThat(finished.verdict().violations())
                .first()
                .isEqualTo(new Violation.GeneratorShortfall(
                        "Load generator delivered 2 req/s of the 10 req/s requested (20 %); no verdict on the service."
                                + " 8 of 10 arrivals were never sent and 1 waited for a free worker (maxInFlight = 2); raise"
                                + " maxInFlight if the service is expected to be this slow.",
                        10, 2));
        // The schedule ends at 1 s, late arrivals may start until 2 s, and the drain allows the 1 s timeout plus 1 s.
        assertThat(pipeline.elapsedMillis()).isEqualTo(4_000);
    }

    @Test
    void requestsThroughTheEnvironmentsTransportAreJudgedPerEndpoint() {
        // 10 arrivals 500 ms apart; each asks /fast (20 ms) and then /slow (200 ms), so nothing queues.
        pipeline = new ManualPipeline(reports);
        pipeline.transport.answer("/fast", 20, 200, "{\"items\":[]}").answer("/slow", 200, 200, "[]");
        LoadRun.Finished finished = pipeline.run(Fixtures.class, "endpoints", http -> {
            http.get("/fast")
                    .expectStatus(200)
                    .check("fast has items", response -> response.body().contains("items"));
            http.get("/slow")
                    .expectStatus(200)
                    .check("slow has items", response -> response.body().contains("items"));
        });
        LoadTestResult result = finished.result();

        assertThat(pipeline.transport.exchanges()).isEqualTo(20);
        assertThat(result.corrected().p50Millis()).isEqualTo(bucketOf(220));
        assertThat(result.endpoints())
                .extracting(
                        endpoint -> endpoint.name(),
                        endpoint -> endpoint.requests(),
                        endpoint -> endpoint.corrected().p95Millis(),
                        endpoint -> endpoint.timeToHeaders().maxMillis())
                .containsExactly(
                        tuple("GET /fast", 10L, bucketOf(20), bucketOf(20)),
                        tuple("GET /slow", 10L, bucketOf(200), bucketOf(200)));
        assertThat(result.checks())
                .extracting(check -> check.name(), check -> check.passes(), check -> check.failures())
                .containsExactly(tuple("fast has items", 10L, 0L), tuple("slow has items", 0L, 10L));
        assertThat(finished.verdict().violations())
                .extracting(Violation::message)
                .containsExactly(
                        "p95 latency of GET /slow " + bucketOf(200)
                                + " ms exceeded 150 ms (n=10, 2 req/s for 5 s; no sample lies"
                                + " above p95, so it is the maximum: p95 needs at least 20 samples)",
                        "check pass rate 50 % fell below 90 % (10 of 20 checks failed: slow has items 10×)");
    }

    /** What HdrHistogram reports for a recorded value of so many milliseconds: its bucket's upper bound. */
    private static double bucketOf(long millis) {
        return new Histogram(3).highestEquivalentValue(millis * 1_000) / 1000.0;
    }

    static class Fixtures {
        @LoadTest(rps = 10, duration = "10s")
        @P99Below(1000)
        @P50Below(50)
        void stall() {}

        @LoadTest(rps = 10, duration = "10s")
        @P95Below(value = 500, perEndpoint = true)
        void noEndpoints() {}

        @LoadTest(rps = 10, duration = "3s", warmup = "1s")
        @MaxBelow(600)
        void warmup() {}

        @LoadTest(
                stages = {
                    @Stage(duration = "2s", rps = 10, name = "steady"),
                    @Stage(duration = "2s", rps = 10, name = "spike")
                })
        @P95Below(value = 100, phase = "steady")
        @P95Below(value = 100, phase = "spike")
        void phases() {}

        @LoadTest(rps = 10, duration = "10s")
        @ErrorRateBelow(value = 10, abortOnFail = true)
        void abort() {}

        @LoadTest(rps = 10, duration = "1s", timeout = "1s", maxInFlight = 2)
        void shortfall() {}

        @LoadTest(rps = 2, duration = "5s", baseUrl = "http://service.test")
        @P95Below(value = 150, perEndpoint = true)
        @ChecksAbove(90)
        void endpoints() {}
    }
}
