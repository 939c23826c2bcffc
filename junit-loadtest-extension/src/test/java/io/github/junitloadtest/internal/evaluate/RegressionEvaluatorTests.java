package io.github.junitloadtest.internal.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.NoRegression;
import io.github.junitloadtest.api.NoRegression.Metric;
import io.github.junitloadtest.internal.evaluate.RegressionEvaluator.Compared;
import io.github.junitloadtest.internal.evaluate.RegressionEvaluator.Verdict;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.Regression;
import io.github.junitloadtest.internal.record.BaselineRun;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.support.ManualPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each outcome of a comparison with recorded runs, on runs of a manual clock: every iteration takes
 * a known time, so the figures are exact and the bootstrap's bounds are what the samples allow.
 */
class RegressionEvaluatorTests {

    private static final String HERE = "ci-2-cores";
    private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");

    @TempDir
    Path reports;

    /** A run of the fixture whose iterations take {@code base + (i mod 5)} ms: p95 is base + 4 ms. */
    private RunSnapshot run(String fixture, double baseMillis) {
        ManualPipeline pipeline = new ManualPipeline(reports);
        AtomicInteger index = new AtomicInteger();
        return pipeline.run(Fixtures.class, fixture, http -> {
                    long micros = Math.round((baseMillis + index.getAndIncrement() % 5) * 1000);
                    pipeline.clock.advanceNanos(micros * 1000);
                })
                .snapshot();
    }

    private List<BaselineRun> history(String fixture, double... baseMillis) {
        List<BaselineRun> runs = new ArrayList<>();
        for (int i = 0; i < baseMillis.length; i++) {
            runs.add(new BaselineRun(
                    DAY.minus(Duration.ofDays(i)), "abc123" + i, HERE, true, run(fixture, baseMillis[i])));
        }
        return runs;
    }

    private static Regression p95(String tolerance) {
        return new Regression(
                Metric.P95,
                Double.parseDouble(tolerance.replace("%", "")) / 100,
                Duration.ofMillis(5),
                0.99,
                "RegressionEvaluatorTests.Fixtures.steady",
                5,
                3,
                false,
                0);
    }

    private static Compared compare(Regression check, RunSnapshot run, List<BaselineRun> runs) {
        return RegressionEvaluator.compare(check, run, new BaselineRun.History(runs, "baselines/steady", HERE), true);
    }

    @Test
    void theSameServiceIsTheSameAndSaysWhatItWasComparedWith() {
        Compared same = compare(p95("10%"), run("steady", 40), history("steady", 40, 40, 40, 40, 40));

        assertThat(same.verdict()).isEqualTo(Verdict.SAME);
        assertThat(same.fails()).isFalse();
        assertThat(same.result().message())
                .startsWith("p95 latency 44.031 ms is within 10 % of baseline 44.031 ms" + " (+0 %, 99 % bound ")
                .endsWith("; median of 5 green runs, newest 2026-11-20 abc1230; n=600)");
    }

    @Test
    void aServiceThirtyPercentSlowerRegressesWithItsLowerBoundInTheMessage() {
        Compared slower = compare(p95("10%"), run("steady", 53), history("steady", 40, 40, 40, 40, 40));

        assertThat(slower.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(slower.fails()).isTrue();
        assertThat(slower.result().message())
                .startsWith("p95 latency regressed: 57.023 ms vs baseline 44.031 ms" + " (+29.506 %, 99 % bound +")
                .contains(") exceeds tolerance 10 % (median of 5 green runs");
        assertThat(slower.result().passed()).isFalse();
        assertThat(slower.result().limit()).isEqualTo(44.031 * 1.1, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aRelativeWorseningSmallerThanMinDeltaPasses() {
        Compared tiny = compare(p95("10%"), run("steady", 3), history("steady", 1, 1, 1, 1, 1));

        assertThat(tiny.verdict()).isEqualTo(Verdict.SAME);
        assertThat(tiny.result().message())
                .startsWith("p95 latency 7.003 ms is +39.976 % against baseline 5.003 ms,"
                        + " but only 2 ms, within minDelta 5 ms");
    }

    @Test
    void theBaselineRunsOwnSpreadWidensTheToleranceAndTheMessageSaysSo() {
        // Baseline p95s 44, 48 and 52 ms: median 48, spread 8.3 %; a run at 51 ms is +6 %, within 8.3 %.
        Compared widened = compare(p95("5%"), run("steady", 47), history("steady", 44, 40, 48));

        assertThat(widened.verdict()).isNotEqualTo(Verdict.REGRESSED);
        assertThat(widened.result().message()).contains("(5 % widened to the baseline runs' own spread)");
    }

    @Test
    void oneOutlierAmongFiveRecordedRunsDoesNotWidenTheTolerance() {
        Compared slower = compare(p95("10%"), run("steady", 53), history("steady", 40, 40, 80, 40, 40));

        assertThat(slower.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(slower.result().message()).contains("exceeds tolerance 10 % (median");
    }

    @Test
    void aRenamedTestsRecordedRunsAreComparedUnderItsBaselineKey() {
        Compared renamed = compare(p95("10%"), run("steady", 40), history("formerName", 40, 40, 40));

        assertThat(renamed.verdict()).isEqualTo(Verdict.SAME);
    }

    @Test
    void throughputIsComparedOverTheMeasuredWindowOnlyAndAnUnchangedRunIsTheSame() {
        Regression throughput = new Regression(Metric.THROUGHPUT, 0.1, Duration.ZERO, 0.99, "key", 5, 3, true, 0);

        Compared same = compare(throughput, run("warmedUp", 40), history("warmedUp", 40, 40, 40));

        assertThat(same.verdict()).isEqualTo(Verdict.SAME);
        assertThat(same.result().message())
                .startsWith("throughput 10 req/s is within 10 % of baseline 10 req/s (+0 %, 99 % bound +0 %;");
    }

    @Test
    void tooFewRecordedRunsAreInconclusiveAndSayHowToRecord() {
        Compared few = compare(p95("10%"), run("steady", 40), history("steady", 40, 40));

        assertThat(few.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(few.fails()).isFalse();
        assertThat(few.result().message())
                .isEqualTo("p95 latency has no baseline yet: 2 recorded green run(s) of this"
                        + " plan and environment in baselines/steady, 3 needed; record passing runs with"
                        + " -Dloadtest.baseline.record=onPass; not failing");
    }

    @Test
    void recordedRunsOfAnotherPlanOrEnvironmentAreNotComparedAndTheDifferenceIsNamed() {
        Compared plan = compare(p95("10%"), run("steady", 40), history("faster", 40, 40, 40));
        assertThat(plan.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(plan.result().message())
                .startsWith("p95 latency is not compared with its baseline: the recorded runs"
                        + " are of another plan: load was [15 req/s for 40 s], now [10 req/s for 60 s]");

        List<BaselineRun> elsewhere = history("steady", 40, 40, 40).stream()
                .map(run -> new BaselineRun(run.recordedAt(), run.commit(), "laptop", true, run.snapshot()))
                .toList();
        assertThat(compare(p95("10%"), run("steady", 40), elsewhere).result().message())
                .startsWith("p95 latency is not"
                        + " compared with its baseline: the recorded runs ran in another environment: [laptop], this run in"
                        + " [ci-2-cores]");
    }

    @Test
    void failedRecordedRunsAreNeverPartOfABaseline() {
        List<BaselineRun> failed = history("steady", 60, 60, 60).stream()
                .map(run -> new BaselineRun(run.recordedAt(), run.commit(), HERE, false, run.snapshot()))
                .toList();

        assertThat(compare(p95("10%"), run("steady", 40), failed).result().message())
                .startsWith("p95 latency has no baseline yet: 0 recorded green run(s)");
    }

    @Test
    void tooFewSamplesBeyondThePercentileAreInconclusiveAndOnAskingFail() {
        Regression p99 = new Regression(Metric.P99, 0.1, Duration.ofMillis(5), 0.99, "key", 5, 3, true, 0);

        Compared tail = compare(p99, run("steady", 40), history("steady", 40, 40, 40));

        assertThat(tail.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(tail.fails()).isTrue();
        assertThat(tail.result().message())
                .isEqualTo(
                        "p99 latency is not compared with its baseline: 6 of its 600"
                                + " samples lie above p99, and its bounds need at least 20 (2000 samples) (onInconclusive = FAIL)");
    }

    @Test
    void aRunThatDidNotApplyItsLoadIsNotCompared() {
        Compared shortfall = RegressionEvaluator.compare(
                p95("10%"),
                run("steady", 40),
                new BaselineRun.History(history("steady", 40, 40, 40), "baselines/steady", HERE),
                false);

        assertThat(shortfall.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(shortfall.result().message())
                .startsWith(
                        "p95 latency is not compared with its baseline: the" + " generator did not deliver the load");
    }

    @Test
    void theErrorRateIsComparedInPercentagePoints() {
        Regression errors = new Regression(Metric.ERROR_RATE, 0.5, Duration.ZERO, 0.99, "key", 5, 3, false, 0);

        Compared same = compare(errors, run("steady", 40), history("steady", 40, 40, 40));

        assertThat(same.verdict()).isEqualTo(Verdict.SAME);
        assertThat(same.result().message()).startsWith("error rate 0 % is within 0.5 pp of baseline 0 % (+0 pp");
    }

    @Test
    void aPlanReadsItsComparisonsAndTheStoreSettings() {
        ManualPipeline pipeline = new ManualPipeline(reports).with(LoadTest.BASELINE_RECORD_PROPERTY_NAME, "onPass");

        LoadPlan plan = pipeline.plan(Fixtures.class, "gated");

        assertThat(plan.regressions().checks())
                .containsExactly(
                        new Regression(
                                Metric.P95,
                                0.1,
                                Duration.ofMillis(5),
                                0.99,
                                "RegressionEvaluatorTests.Fixtures.gated",
                                5,
                                3,
                                false,
                                0),
                        new Regression(Metric.ERROR_RATE, 0.5, Duration.ZERO, 0.95, "templates", 3, 2, true, 0));
        assertThat(plan.regressions().records(true)).isTrue();
        assertThat(plan.regressions().records(false)).isFalse();
        assertThat(plan.regressions().dir()).isEqualTo(Path.of("src/test/loadtest-baselines"));
    }

    static class Fixtures {
        @LoadTest(rps = 10, duration = "60s")
        void steady() {}

        @LoadTest(rps = 15, duration = "40s")
        void faster() {}

        @LoadTest(rps = 10, duration = "60s")
        void formerName() {}

        @LoadTest(rps = 10, duration = "70s", warmup = "10s")
        void warmedUp() {}

        @LoadTest(rps = 10, duration = "60s")
        @NoRegression
        @NoRegression(
                metric = Metric.ERROR_RATE,
                minDelta = "",
                confidence = 0.95,
                baseline = "templates",
                history = 3,
                minHistory = 2,
                onInconclusive = NoRegression.Inconclusive.FAIL)
        void gated() {}
    }
}
