package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.RawDelayServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With JUnit running tests in parallel, load tests still run one at a time, and ordinary tests beside them. */
class ParallelRunTests {

    @TempDir
    Path reports;

    @Test
    void loadTestsNeverOverlapWhileOrdinaryTestsRunBesideThem() {
        ParallelTestCase.ordinaryStart = null;
        ParallelTestCase.ordinaryEnd = null;
        try (RawDelayServer server = RawDelayServer.start(0)) {
            Engine.run(
                            ParallelTestCase.class,
                            server.baseUrl(),
                            reports,
                            Map.of(
                                    "junit.jupiter.execution.parallel.enabled", "true",
                                    "junit.jupiter.execution.parallel.mode.default", "concurrent",
                                    "junit.jupiter.execution.parallel.config.strategy", "fixed",
                                    "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"))
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(4).failed(0));
        }

        Instant[][] runs = new Instant[3][];
        for (int i = 0; i < 3; i++) {
            LoadTestResult result =
                    JsonReportWriter.read(reports.resolve("ParallelRunTests.ParallelTestCase.load" + i + ".json"));
            runs[i] = new Instant[] {Instant.parse(result.startTime()), Instant.parse(result.endTime())};
        }
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                boolean disjoint = !runs[i][1].isAfter(runs[j][0]) || !runs[j][1].isAfter(runs[i][0]);
                assertThat(disjoint)
                        .as(
                                "load%d %s and load%d %s overlap",
                                i, java.util.Arrays.toString(runs[i]), j, java.util.Arrays.toString(runs[j]))
                        .isTrue();
            }
        }
        // The ordinary test did not wait for the loads: it ran while one of them was running.
        Instant ordinaryStart = ParallelTestCase.ordinaryStart;
        Instant ordinaryEnd = ParallelTestCase.ordinaryEnd;
        assertThat(java.util.Arrays.stream(runs)
                        .anyMatch(run -> ordinaryStart.isBefore(run[1]) && run[0].isBefore(ordinaryEnd)))
                .as("ordinary [%s, %s] overlaps a load", ordinaryStart, ordinaryEnd)
                .isTrue();
    }

    static class ParallelTestCase {
        static volatile Instant ordinaryStart;
        static volatile Instant ordinaryEnd;

        @LoadTest(rps = 20, duration = "1s")
        void load0(LoadHttp http) {
            http.get("/a");
        }

        @LoadTest(rps = 20, duration = "1s")
        void load1(LoadHttp http) {
            http.get("/b");
        }

        @LoadTest(rps = 20, duration = "1s")
        void load2(LoadHttp http) {
            http.get("/c");
        }

        @Test
        void ordinary() throws InterruptedException {
            ordinaryStart = Instant.now();
            Thread.sleep(1500);
            ordinaryEnd = Instant.now();
        }
    }
}
