package io.github.junitloadtest.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.ForkedRun;
import io.github.junitloadtest.support.RawDelayServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short load test in a fresh JVM, as an IDE runs one test: the generator's own cold start (class
 * loading and compilation of the HTTP client and the engine) must not reach the verdict.
 */
class ColdStartTests {

    @TempDir
    Path work;

    @Test
    void aFreshJvmsFirstLoadTestReportsWhatTheSameJvmReportsWarm() throws Exception {
        Path reports = work.resolve("reports");
        Path output = work.resolve("child.log");
        String log;
        try (RawDelayServer server = RawDelayServer.start(10)) {
            Process child = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-D" + LoadTest.BASE_URL_PROPERTY_NAME + "=" + server.baseUrl(),
                            "-D" + LoadTest.REPORT_DIR_PROPERTY_NAME + "=" + reports,
                            "-cp",
                            System.getProperty("java.class.path"),
                            ForkedRun.class.getName(),
                            ColdThenWarmTestCase.class.getName()))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                boolean exited = child.waitFor(90, SECONDS);
                log = Files.readString(output, StandardCharsets.UTF_8);
                assertThat(exited)
                        .as("the child ended within 90 s; its output:%n%s", log)
                        .isTrue();
            } finally {
                child.destroyForcibly();
                child.waitFor(10, SECONDS);
            }
        }
        LoadTestResult cold = JsonReportWriter.read(reports.resolve("ColdStartTests.ColdThenWarmTestCase.first.json"));
        LoadTestResult warm = JsonReportWriter.read(reports.resolve("ColdStartTests.ColdThenWarmTestCase.second.json"));
        System.out.printf(
                "cold-start figures: first p95 %s ms p99 %s ms, second p95 %s ms p99 %s ms%n",
                cold.corrected().p95Millis(),
                cold.corrected().p99Millis(),
                warm.corrected().p95Millis(),
                warm.corrected().p99Millis());

        // The server answers in 10 ms. Without the generator's warm-up the first iterations of a fresh JVM took
        // 160-630 ms (p99 160-230 ms on an idle day against 20 ms warm); with it, p99 stays within a few ms.
        assertThat(cold.corrected().p99Millis())
                .as(
                        "p99 of the first load test in a fresh JVM against the second (%s ms); child output:%n%s",
                        warm.corrected().p99Millis(), log)
                .isLessThan(warm.corrected().p99Millis() + 100);
        assertThat(cold.passed())
                .as("the first load test's verdict; child output:%n%s", log)
                .isTrue();
        assertThat(cold.counts().sent()).isEqualTo(100);
    }

    /** The same short load twice in one JVM: the first is the JVM's first load test, the second runs warm. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ColdThenWarmTestCase {

        @Order(1)
        @LoadTest(rps = 20, duration = "5s", timeout = "5s")
        @P95Below(200)
        void first(LoadHttp http) {
            http.get("/api").expectStatus(200);
        }

        @Order(2)
        @LoadTest(rps = 20, duration = "5s", timeout = "5s")
        @P95Below(200)
        void second(LoadHttp http) {
            http.get("/api").expectStatus(200);
        }
    }
}
