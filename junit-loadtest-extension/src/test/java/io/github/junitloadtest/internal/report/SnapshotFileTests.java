package io.github.junitloadtest.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.api.ChecksAbove;
import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.NeverStatus;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.P99Below;
import io.github.junitloadtest.api.RecoversWithin;
import io.github.junitloadtest.api.Stage;
import io.github.junitloadtest.internal.evaluate.RunEvaluator;
import io.github.junitloadtest.internal.evaluate.Verdict;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.support.ManualPipeline;
import io.github.junitloadtest.support.SampleRun;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTests {

    @TempDir
    Path dir;

    private final RunSnapshot snapshot = SampleRun.snapshot(i -> true);

    @Test
    void aSnapshotReadsBackEqualToTheOneWritten() {
        Path file = SnapshotFile.write(snapshot, dir, false);

        assertThat(file).isEqualTo(dir.resolve("snapshots").resolve("SampleRun.run.json"));
        assertThat(SnapshotFile.read(file)).isEqualTo(snapshot);
    }

    @Test
    void theSnapshotReadBackGivesTheSameVerdictAndTheSameReports() throws Exception {
        LoadPlan plan = new ManualPipeline(dir).plan(Fixtures.class, "judged");
        RunSnapshot readBack = SnapshotFile.read(SnapshotFile.write(snapshot, dir.resolve("written"), false));

        Verdict verdict = RunEvaluator.verdict(plan, snapshot);
        assertThat(RunEvaluator.verdict(plan, readBack)).isEqualTo(verdict);
        // The verdict touches every part: a failed and a passed threshold, phases, endpoints, statuses, checks.
        assertThat(verdict.thresholds()).hasSizeGreaterThan(6);
        assertThat(verdict.passed()).isFalse();
        LoadTestResult result = ResultAssembly.of(snapshot, verdict);
        assertThat(ResultAssembly.of(readBack, verdict)).isEqualTo(result);
        Path original = JsonReportWriter.write(result, dir.resolve("original"));
        Path again = JsonReportWriter.write(
                ResultAssembly.of(readBack, RunEvaluator.verdict(plan, readBack)), dir.resolve("again"));
        assertThat(Files.readString(again)).isEqualTo(Files.readString(original));
        assertThat(MarkdownReportWriter.write(result, dir.resolve("md-original")))
                .hasSameTextualContentAs(
                        MarkdownReportWriter.write(ResultAssembly.of(readBack, verdict), dir.resolve("md-again")));
    }

    @Test
    void aSnapshotOfTheWholePipelineReadsBackEqual() {
        ManualPipeline pipeline = new ManualPipeline(dir);
        int[] index = {0};
        RunSnapshot run = pipeline.run(Fixtures.class, "judged", () -> {
                    if (index[0]++ == 120) {
                        pipeline.clock.advanceMillis(700);
                    }
                })
                .snapshot();

        assertThat(SnapshotFile.read(SnapshotFile.write(run, dir, false))).isEqualTo(run);
    }

    @Test
    void aFileThatIsNotASnapshotIsRefusedWithItsName() throws Exception {
        Path json = Files.writeString(dir.resolve("other.json"), "{\"test\": \"SampleRun.run\"}");
        Path truncated = Files.writeString(
                dir.resolve("truncated.snapshot.json"),
                "{\"format\":\"junit-loadtest-snapshot\",\"version\":2,\"snapshot\":{\"identity\":{}}}");

        assertThatThrownBy(() -> SnapshotFile.read(json))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(json.toString())
                .hasMessageContaining("is not a run snapshot of version 2");
        assertThatThrownBy(() -> SnapshotFile.read(truncated))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("could not read the run snapshot " + truncated);
    }

    static class Fixtures {
        @LoadTest(
                stages = {
                    @Stage(duration = "2s", rps = 100, name = "steady"),
                    @Stage(duration = "1s", rps = 100, name = "spike"),
                    @Stage(duration = "1s", rps = 100, name = "cooldown")
                },
                warmup = "500ms")
        @P95Below(60)
        @P95Below(value = 60, phase = "steady")
        @P99Below(value = 200, perEndpoint = true)
        @ErrorRateBelow(1)
        @NeverStatus(503)
        @ChecksAbove(90)
        @RecoversWithin(value = "1s", after = "spike", reference = "steady", window = "1s")
        void judged() {}
    }
}
