package io.github.junitloadtest.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.NoRegression;
import io.github.junitloadtest.internal.evaluate.RunEvaluator;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.BaselineRun;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.support.ManualPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports' section on {@code @NoRegression}, from runs of a manual clock: five recorded runs of
 * 40–44 ms, then one at twice that, so every figure of the table and the chart is known.
 */
class ComparisonSectionTests {

    private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");

    @TempDir
    Path reports;

    /** A run whose iterations take {@code base + (i mod 5)} ms: p95 is base + 4 ms. */
    private RunSnapshot run(double baseMillis) {
        ManualPipeline pipeline = new ManualPipeline(reports);
        AtomicInteger index = new AtomicInteger();
        return pipeline.run(
                        Fixtures.class,
                        "gated",
                        http -> pipeline.clock.advanceNanos(
                                Math.round((baseMillis + index.getAndIncrement() % 5) * 1000) * 1000))
                .snapshot();
    }

    private LoadTestResult slowerThanItsRecordedRuns() {
        List<BaselineRun> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(new BaselineRun(DAY.minus(Duration.ofDays(i)), "abc123" + i, "here", true, run(40)));
        }
        LoadPlan plan = new ManualPipeline(reports)
                .with(LoadTest.BASELINE_ENVIRONMENT_PROPERTY_NAME, "here")
                .plan(Fixtures.class, "gated");
        RunSnapshot slower = run(80);
        String key = plan.regressions().checks().get(0).key();
        return ResultAssembly.of(
                slower,
                RunEvaluator.verdict(plan, slower, Map.of(key, new BaselineRun.History(runs, "baselines", "here"))));
    }

    @Test
    void theMarkdownTableGivesThisRunWithItsBoundsTheBaselineTheToleranceAndTheVerdict() {
        String markdown = MarkdownReportWriter.render(slowerThanItsRecordedRuns());

        assertThat(markdown)
                .contains(
                        "### Against the recorded runs",
                        "| Figure | This run (bounds) | Baseline |" + " Tolerance | Verdict | Runs compared |")
                .containsPattern("\\| p95 latency \\| 84\\.0[0-9]* ms"
                        + " \\([0-9.]+ ms … [0-9.]+ ms\\) \\| 44\\.0[0-9]* ms \\| 10 % \\| regressed \\| 5 \\|");
    }

    @Test
    void theHtmlSectionDrawsTheRecordedRunsTheAllowedBandAndThisRunInRed() {
        String html = HtmlReportWriter.render(slowerThanItsRecordedRuns());

        assertThat(html)
                .contains(
                        "<h2>Against the recorded runs</h2>",
                        "<svg class=\"history\"",
                        "aria-label=\"p95 latency of 5 recorded runs and this run\"",
                        "fill=\"#e8f5e9\"",
                        "fill=\"#c62828\"><title>this run: 84.0");
        assertThat(html.split("fill=\"#9e9e9e\"", -1))
                .as("a grey point per recorded run")
                .hasSize(6);
    }

    static class Fixtures {
        @LoadTest(rps = 10, duration = "60s")
        @NoRegression(metric = NoRegression.Metric.P95, tolerance = "10%")
        void gated() {}
    }
}
