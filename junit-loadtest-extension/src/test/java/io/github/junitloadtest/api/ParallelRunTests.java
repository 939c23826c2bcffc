package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.RawDelayServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** With JUnit running tests in parallel, load tests still run one at a time, and ordinary tests beside them. */
class ParallelRunTests {

    @TempDir
    Path reports;

    @Test
    void loadTestsNeverOverlapWhileOrdinaryTestsRunBesideThem() {
        ParallelTestCase.ordinaryRanDuringALoad.set(false);
        try (RawDelayServer server = RawDelayServer.start(0)) {
            EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(ParallelTestCase.class))
                    .enableImplicitConfigurationParameters(false)
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                    .configurationParameter(LoadTest.BASE_URL_PROPERTY_NAME, server.baseUrl())
                    .configurationParameter(LoadTest.REPORT_DIR_PROPERTY_NAME, reports.toString())
                    .execute()
                    .testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
        }

        Instant[][] runs = new Instant[3][];
        for (int i = 0; i < 3; i++) {
            LoadTestResult result = JsonReportWriter.read(reports.resolve("ParallelRunTests.ParallelTestCase.load" + i + ".json"));
            runs[i] = new Instant[] {Instant.parse(result.startTime()), Instant.parse(result.endTime())};
        }
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                boolean disjoint = !runs[i][1].isAfter(runs[j][0]) || !runs[j][1].isAfter(runs[i][0]);
                assertThat(disjoint).as("load%d %s and load%d %s overlap", i, java.util.Arrays.toString(runs[i]), j,
                        java.util.Arrays.toString(runs[j])).isTrue();
            }
        }
        assertThat(ParallelTestCase.ordinaryRanDuringALoad).isTrue();
    }

    static class ParallelTestCase {
        static final AtomicBoolean ordinaryRanDuringALoad = new AtomicBoolean();
        static final AtomicBoolean loading = new AtomicBoolean();

        @LoadTest(rps = 20, duration = "1s")
        void load0(LoadHttp http) {
            loading.set(true);
            http.get("/a");
        }

        @LoadTest(rps = 20, duration = "1s")
        void load1(LoadHttp http) {
            loading.set(true);
            http.get("/b");
        }

        @LoadTest(rps = 20, duration = "1s")
        void load2(LoadHttp http) {
            loading.set(true);
            http.get("/c");
        }

        @Test
        void ordinary() throws InterruptedException {
            for (int i = 0; i < 200 && !ordinaryRanDuringALoad.get(); i++) {
                ordinaryRanDuringALoad.set(loading.get());
                Thread.sleep(10);
            }
        }
    }
}
