package io.github.junitloadtest.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.internal.record.BaselineRun;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.support.SampleRun;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTests {

    private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");

    @TempDir
    Path dir;

    private final RunSnapshot snapshot = SampleRun.snapshot(arrival -> true);

    @Test
    void recordedRunsReadBackNewestFirstWithWhatWasRecorded() {
        BaselineStore.record(dir, "A.test", new BaselineRun(DAY, "abc1234", "here", true, snapshot), 7);
        BaselineStore.record(dir, "A.test", new BaselineRun(DAY.plusSeconds(60), "", "here", false, snapshot), 7);

        BaselineRun.History history = BaselineStore.read(dir, "A.test", "here");

        assertThat(history.runs())
                .extracting(BaselineRun::recordedAt, BaselineRun::commit, BaselineRun::passed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DAY.plusSeconds(60), "", false),
                        org.assertj.core.groups.Tuple.tuple(DAY, "abc1234", true));
        assertThat(history.runs().get(1).snapshot()).isEqualTo(snapshot);
    }

    @Test
    void aLastingRegressionRecordedAlwaysNeverPushesTheGreenRunsOut() {
        for (int day = 0; day < 5; day++) {
            BaselineStore.record(
                    dir, "A.test", new BaselineRun(DAY.plus(Duration.ofDays(day)), "", "here", true, snapshot), 7);
        }
        for (int day = 5; day < 15; day++) {
            BaselineStore.record(
                    dir, "A.test", new BaselineRun(DAY.plus(Duration.ofDays(day)), "", "here", false, snapshot), 7);
        }

        BaselineRun.History history = BaselineStore.read(dir, "A.test", "here");

        assertThat(history.runs().stream().filter(BaselineRun::passed).count()).isEqualTo(5);
        assertThat(history.runs().stream().filter(run -> !run.passed()).count()).isEqualTo(2);
    }

    @Test
    void aHistoryWithoutAFolderIsEmptyAndAnUnreadableFileIsNamed() throws Exception {
        assertThat(BaselineStore.read(dir, "None.test", "here").runs()).isEmpty();

        Path broken =
                Files.createDirectories(BaselineStore.folderOf(dir, "A.test")).resolve("20261120T030000.000Z.json");
        Files.writeString(broken, "{\"format\":\"something else\"}");

        assertThatThrownBy(() -> BaselineStore.read(dir, "A.test", "here"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("could not read the recorded run " + broken.toAbsolutePath())
                .hasMessageContaining("delete it or record the history again");
    }
}
