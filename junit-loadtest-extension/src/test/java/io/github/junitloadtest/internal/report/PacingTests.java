package io.github.junitloadtest.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.record.Accounting;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.support.ManualPipeline;
import io.github.junitloadtest.support.SampleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the result says of how the arrivals went out against the schedule, second by second. */
class PacingTests {

    @TempDir
    Path dir;

    /**
     * 10 req/s for 3 s whose first iteration holds the only thread for a second: the nine other arrivals
     * of second 0 go out when it ends, in second 1, beside second 1's own ten.
     */
    private LoadTestResult fellBehind() {
        ManualPipeline pipeline = new ManualPipeline(dir);
        int[] index = {0};
        return pipeline.run(Fixtures.class, "tenPerSecond", () -> {
                    if (index[0]++ == 0) {
                        pipeline.clock.advanceMillis(1000);
                    }
                })
                .result();
    }

    @Test
    void aGeneratorThatFellBehindShowsItsCatchUpAsTheBusiestSecondAndCountsTheIterationsItStartedLate() {
        LoadTestResult result = fellBehind();

        LoadTestResult.Pacing pacing = result.pacing();
        assertThat(pacing.duePerSecond()).containsExactly(10L, 10L, 10L);
        assertThat(pacing.sentPerSecond()).containsExactly(1L, 19L, 10L);
        assertThat(pacing.busiestSecond()).isEqualTo(1);
        assertThat(pacing.busiestSecondSent()).isEqualTo(19);
        assertThat(pacing.busiestSecondDue()).isEqualTo(10);
        assertThat(pacing.startedLate()).isEqualTo(9);
        assertThat(pacing.busiestSecondExcessPercent()).isEqualTo(90.0);
        assertThat(ConsoleSummary.render(result, List.of()))
                .contains("pacing       9 started 10 ms or more late; busiest second 1: 19 went out, 10 due (+90 %)");
    }

    @Test
    void aRunOnScheduleHasNoSecondAboveWhatWasDueAndTheMarkdownSaysNothingOfIt() throws Exception {
        ManualPipeline pipeline = new ManualPipeline(dir);
        LoadTestResult result =
                pipeline.run(Fixtures.class, "tenPerSecond", () -> {}).result();

        assertThat(result.pacing().sentPerSecond()).containsExactly(10L, 10L, 10L);
        assertThat(result.pacing().startedLate()).isZero();
        assertThat(result.pacing().busiestSecondExcessPercent()).isZero();
        assertThat(ConsoleSummary.render(result, List.of()))
                .contains("pacing       0 started 10 ms or more late; no second went above what was due in it");
        assertThat(Files.readString(MarkdownReportWriter.write(result, dir.resolve("md"))))
                .doesNotContain("Pacing:");
    }

    @Test
    void aCatchUpBurstIsAnObservationInTheMarkdown() throws Exception {
        LoadTestResult result = fellBehind();

        assertThat(Files.readString(MarkdownReportWriter.write(result, dir.resolve("md"))))
                .contains("- Pacing: 9 started 10 ms or more late; busiest second 1: 19 went out, 10 due (+90 %);"
                        + " a second above what was due is the generator catching up, a burst the plan did not ask"
                        + " for.");
    }

    @Test
    void twoGeneratorsSeriesAddSecondBySecondAsOneGeneratorsWould() {
        RunSnapshot whole = SampleRun.snapshot(i -> true);
        RunSnapshot sum = SampleRun.snapshot(i -> i % 2 == 0).plus(SampleRun.snapshot(i -> i % 2 == 1));

        assertThat(sum.accounting().sentPerSecond())
                .isEqualTo(whole.accounting().sentPerSecond())
                .containsExactly(100L, 100L, 100L, 100L);
        assertThat(new Accounting(0, 0, 0, 0, 0, 0, false, "", 0, 0, 0, List.of(3L, 4L), List.of(5L))
                        .plus(new Accounting(0, 0, 0, 0, 0, 0, false, "", 0, 0, 0, List.of(1L), List.of(1L, 2L, 6L))))
                .satisfies(added -> {
                    assertThat(added.sentPerSecond()).containsExactly(4L, 4L);
                    assertThat(added.duePerSecond()).containsExactly(6L, 2L, 6L);
                });
    }

    @Test
    void aSnapshotWrittenBeforeThePerSecondSeriesReadsBackWithoutThem() throws Exception {
        Path file = SnapshotFile.write(SampleRun.snapshot(i -> true), dir, false);
        String older = Files.readString(file)
                .replaceAll(",\"sentPerSecond\":\\[[0-9,]*\\],\"duePerSecond\":\\[[0-9,]*\\]", "");
        assertThat(older).isNotEqualTo(Files.readString(file)).doesNotContain("PerSecond");
        Files.writeString(file, older);

        RunSnapshot read = SnapshotFile.read(file);

        assertThat(read.accounting().sentPerSecond()).isEmpty();
        assertThat(ResultAssembly.pacing(read.accounting(), read.recording())).isEqualTo(LoadTestResult.Pacing.NONE);
    }

    static class Fixtures {
        @LoadTest(rps = 10, duration = "3s", maxInFlight = 1)
        void tenPerSecond() {}
    }
}
