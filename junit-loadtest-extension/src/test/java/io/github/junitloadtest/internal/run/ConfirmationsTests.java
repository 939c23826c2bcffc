package io.github.junitloadtest.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.NoRegression;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.internal.evaluate.Note;
import io.github.junitloadtest.internal.evaluate.Violation;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.support.ManualPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @NoRegression(confirmRuns = …)} on runs of a manual clock: three recorded runs whose
 * iterations take 40 to 44 ms, then runs at twice that, measured again at a chosen latency. The
 * test fails only when every run regresses, and says what each run measured.
 */
class ConfirmationsTests {

    @TempDir
    Path work;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<Double> measuredAgainAt = new ArrayList<>();

    private ManualPipeline pipeline() {
        return new ManualPipeline(work.resolve("reports"))
                .with(
                        LoadTest.BASELINE_DIR_PROPERTY_NAME,
                        work.resolve("baselines").toString())
                .with(LoadTest.BASELINE_RECORD_PROPERTY_NAME, "onPass");
    }

    /** A run whose iterations take {@code base + (i mod 5)} ms: p95 is base + 4 ms. */
    private LoadRun.Finished run(String fixture, double baseMillis) {
        ManualPipeline pipeline = pipeline();
        AtomicInteger index = new AtomicInteger();
        return pipeline.run(
                Fixtures.class,
                fixture,
                http -> pipeline.clock.advanceNanos(
                        Math.round((baseMillis + index.getAndIncrement() % 5) * 1000) * 1000));
    }

    private void recordThreeGreenRuns(String fixture) {
        for (int i = 0; i < 3; i++) {
            LoadRun.Finished green = run(fixture, 40);
            assertThat(green.verdict().passed()).isTrue();
            assertThat(Baselines.record(plan(fixture), green.snapshot(), green.verdict(), name -> Optional.empty()))
                    .hasSize(1);
        }
    }

    private LoadPlan plan(String fixture) {
        return pipeline().plan(Fixtures.class, fixture);
    }

    /** The first run at {@code firstMillis}, then each run measured again at the next of {@code againMillis}. */
    private LoadRun.Finished confirm(String fixture, double firstMillis, double... againMillis) {
        return Confirmations.of(
                plan(fixture),
                run(fixture, firstMillis),
                again -> {
                    measuredAgainAt.add(againMillis[again - 1]);
                    return run(fixture, againMillis[again - 1]);
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private static List<String> confirmationNotes(LoadRun.Finished finished) {
        return finished.verdict().notes().stream()
                .filter(note -> note instanceof Note.Confirmation)
                .map(Note::text)
                .toList();
    }

    @Test
    void aRegressionThatDoesNotRegressWhenMeasuredAgainPassesAndSaysWhatTheFirstRunMeasured() {
        recordThreeGreenRuns("confirmOnce");

        LoadRun.Finished finished = confirm("confirmOnce", 80, 40);

        assertThat(measuredAgainAt).containsExactly(40.0);
        assertThat(finished.verdict().passed()).isTrue();
        assertThat(finished.verdict().comparisons())
                .singleElement()
                .satisfies(comparison ->
                        assertThat(comparison.current()).isEqualTo(44.0, org.assertj.core.data.Offset.offset(0.1)));
        assertThat(confirmationNotes(finished))
                .satisfiesExactly(
                        first -> assertThat(first)
                                .startsWith("Run 1 regressed (p95 latency regressed: 84.0")
                                .endsWith(" and was measured again (confirmRuns): run 2 did not regress"),
                        shown -> assertThat(shown)
                                .isEqualTo("The figures shown are run 2's, the last of 2 measured" + " (confirmRuns)"));
        assertThat(console.toString(StandardCharsets.UTF_8))
                .startsWith("  ConfirmationsTests.Fixtures.confirmOnce:" + " p95 latency regressed: 84.0")
                .contains("; measuring it again to confirm (run 2 of up to 2," + " confirmRuns = 1)");
    }

    @Test
    void aRegressionThatRegressesAgainFailsWithTheEarlierRunBesideIt() {
        recordThreeGreenRuns("confirmOnce");

        LoadRun.Finished finished = confirm("confirmOnce", 80, 82);

        assertThat(measuredAgainAt).containsExactly(82.0);
        assertThat(finished.verdict().violations())
                .singleElement()
                .extracting(Violation::message)
                .asString()
                .startsWith("p95 latency regressed: 86.0")
                .contains(" ms vs baseline 44.0");
        assertThat(finished.verdict().explanations())
                .extracting(Note::text)
                .satisfiesExactly(
                        first -> assertThat(first)
                                .startsWith("Run 1, measured before run 2 (confirmRuns), regressed too (p95"
                                        + " latency regressed: 84.0"),
                        shown -> assertThat(shown)
                                .isEqualTo("The figures shown are run 2's, the last of 2 measured" + " (confirmRuns)"));
    }

    @Test
    void eachRunAskedForIsMadeWhileTheRunsRegressAndTheFirstThatDoesNotDecides() {
        recordThreeGreenRuns("confirmTwice");

        LoadRun.Finished finished = confirm("confirmTwice", 80, 81, 40);

        assertThat(measuredAgainAt).containsExactly(81.0, 40.0);
        assertThat(finished.verdict().passed()).isTrue();
        assertThat(confirmationNotes(finished))
                .satisfiesExactly(
                        first -> assertThat(first)
                                .startsWith("Run 1, measured before run 2 (confirmRuns), regressed too"
                                        + " (p95 latency regressed: 84.0"),
                        second -> assertThat(second)
                                .startsWith("Run 2 regressed (p95 latency regressed: 85.0")
                                .endsWith("run 3 did not regress"),
                        shown -> assertThat(shown)
                                .isEqualTo("The figures shown are run 3's, the last of 3 measured" + " (confirmRuns)"));
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("(run 2 of up to 3, confirmRuns = 2)", "(run 3 of up to 3, confirmRuns = 2)");
    }

    @Test
    void withoutConfirmRunsOrWithAnotherFailureTheFirstRunDecides() {
        recordThreeGreenRuns("unconfirmed");
        LoadRun.Finished unconfirmed = confirm("unconfirmed", 80);
        assertThat(unconfirmed.verdict().passed()).isFalse();

        recordThreeGreenRuns("alsoTooSlow");
        LoadRun.Finished tooSlow = confirm("alsoTooSlow", 80);
        assertThat(tooSlow.verdict().violations()).hasSize(2);

        assertThat(measuredAgainAt).isEmpty();
        assertThat(confirmationNotes(unconfirmed)).isEmpty();
    }

    @Test
    void aStoppedTestIsNotMeasuredAgain() {
        recordThreeGreenRuns("confirmOnce");
        LoadRun.Finished first = run("confirmOnce", 80);

        Thread.currentThread().interrupt();
        LoadRun.Finished finished;
        try {
            finished = Confirmations.of(
                    plan("confirmOnce"),
                    first,
                    again -> {
                        throw new AssertionError("measured again although the test was stopped");
                    },
                    new PrintStream(console, true, StandardCharsets.UTF_8));
        } finally {
            Thread.interrupted();
        }

        assertThat(finished).isSameAs(first);
        assertThat(finished.verdict().passed()).isFalse();
    }

    @Test
    void confirmRunsOutsideZeroToThreeIsAConfigurationError() {
        assertThatThrownBy(() -> plan("tooManyConfirmations"))
                .hasMessage("Configuration error: @NoRegression(metric = P95) on method"
                        + " [Fixtures.tooManyConfirmations()] must declare 'confirmRuns' from 0 to 3,"
                        + " but was [4]; for example confirmRuns = 1.");
    }

    @Test
    void aJUnitTimeoutMustAllowEveryRunAConfirmationMayMake() {
        assertThatThrownBy(() -> plan("timedOut"))
                .hasMessage("Configuration error: @LoadTest on method [Fixtures.timedOut()] runs for"
                        + " 120 s (2 runs of 60 s when a regression is measured again, confirmRuns = 1), longer than its"
                        + " JUnit timeout of 90 s (@Timeout on the method), which would stop it midway; raise the timeout"
                        + " above the load's duration or shorten the load.");
    }

    static class Fixtures {
        @LoadTest(rps = 10, duration = "60s")
        @NoRegression(tolerance = "10%", confirmRuns = 1)
        void confirmOnce() {}

        @LoadTest(rps = 10, duration = "60s")
        @NoRegression(tolerance = "10%", confirmRuns = 2)
        void confirmTwice() {}

        @LoadTest(rps = 10, duration = "60s")
        @NoRegression(tolerance = "10%")
        void unconfirmed() {}

        @LoadTest(rps = 10, duration = "60s")
        @P95Below(60)
        @NoRegression(tolerance = "10%", confirmRuns = 1)
        void alsoTooSlow() {}

        @LoadTest(rps = 10, duration = "60s")
        @NoRegression(confirmRuns = 4)
        void tooManyConfirmations() {}

        @LoadTest(rps = 10, duration = "60s")
        @Timeout(90)
        @NoRegression(confirmRuns = 1)
        void timedOut() {}
    }
}
