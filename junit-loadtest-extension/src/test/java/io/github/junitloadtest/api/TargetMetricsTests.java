package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.internal.report.SnapshotFile;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.FaultServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The service's own metrics endpoint, read before, during and after the load into the results. */
class TargetMetricsTests {

    @TempDir
    Path reports;

    private LoadTestResult resultOf(String method) {
        return JsonReportWriter.read(reports.resolve("TargetMetricsTests.MeteredTestCase." + method + ".json"));
    }

    @Test
    void theServicesOwnCountersGiveItsCpuPerThousandRequestsItsMemoryAndItsQueriesInEveryReport() throws Exception {
        try (MeteredService service = MeteredService.start()) {
            Engine.run(
                    MeteredTestCase.class,
                    service.baseUrl(),
                    reports,
                    Map.of(LoadTest.TARGET_METRICS_PROPERTY_NAME, "/metrics"));

            LoadTestResult result = resultOf("metered");
            LoadTestResult.TargetUsage target = result.target();
            assertThat(target.source()).isEqualTo(service.baseUrl() + "/metrics");
            // Before the load, every second of its 2 s, and after it; a reading during the load may be late.
            assertThat(target.scrapes()).isBetween(3, 5);
            assertThat(target.failedScrapes()).isZero();
            assertThat(service.metricsReads()).isEqualTo(target.scrapes());
            // The service counts 2 ms of CPU and one query of 5 ms per request it answered.
            assertThat(target.queries())
                    .isEqualTo(result.counts().requestsSent())
                    .isEqualTo(20);
            assertThat(target.cpuSecondsPerThousandRequests()).isCloseTo(2.0, within(1e-9));
            assertThat(target.meanQueryMillis()).isCloseTo(5.0, within(1e-9));
            assertThat(target.peakMemoryMiB()).isCloseTo(100.0 + 20 / 1024.0, within(1e-9));
            assertThat(target.cpuMetric()).isEqualTo("process_cpu_seconds_total");
            assertThat(result.counts().requestsSent()).isEqualTo(20);
            // The snapshot holds the same figures, so the verdict and every report can be made again from it.
            assertThat(SnapshotFile.read(SnapshotFile.fileIn(reports, "TargetMetricsTests.MeteredTestCase.metered"))
                            .target())
                    .isEqualTo(target);
            assertThat(threadsOfTheWatch()).isEmpty();
            String markdown = Files.readString(reports.resolve("TargetMetricsTests.MeteredTestCase.metered.md"));
            assertThat(markdown)
                    .contains("From the service's own metrics at " + service.baseUrl() + "/metrics, read "
                            + target.scrapes() + " times")
                    .contains("2 CPU seconds per 1000 requests (`process_cpu_seconds_total`)")
                    .contains("- Database queries: 20 (`spring_data_repository_invocations_seconds_count`)")
                    .contains("- Average query time: 5 ms")
                    .doesNotContain("not measured");
        }
    }

    @Test
    void anEndpointThatCannotBeReadIsSaidInTheResultsAndTheVerdictStandsOnTheLoadAlone() throws Exception {
        try (MeteredService service = MeteredService.start()) {
            EngineExecutionResults results = Engine.run(
                    MeteredTestCase.class,
                    service.baseUrl(),
                    reports,
                    Map.of(LoadTest.TARGET_METRICS_PROPERTY_NAME, service.baseUrl() + "/missing"));

            results.testEvents().assertStatistics(stats -> stats.succeeded(1));
            LoadTestResult.TargetUsage target = resultOf("metered").target();
            assertThat(target.scrapes()).isZero();
            assertThat(target.failedScrapes()).isBetween(3, 5);
            assertThat(target.problem()).isEqualTo("GET " + service.baseUrl() + "/missing returned status 404");
            assertThat(target.peakCores()).isNull();
            assertThat(Files.readString(reports.resolve("TargetMetricsTests.MeteredTestCase.metered.md")))
                    .contains("read 0 times (before the load, every interval and after it); " + target.failedScrapes()
                            + " readings failed, the first: GET " + service.baseUrl() + "/missing returned status 404.")
                    .contains("- Peak CPU: not exposed (looked for `process_cpu_seconds_total`,"
                            + " `process_cpu_time_ns_total`, `process_cpu_usage`)")
                    .contains("- Peak memory: not exposed (looked for `process_resident_memory_bytes`,"
                            + " `jvm_memory_used_bytes{area=\"heap\"}`)")
                    .contains(
                            "- Database queries: not exposed (looked for `spring_data_repository_invocations_seconds`,"
                                    + " `hikaricp_connections_usage_seconds`; name another with -Dloadtest.targetMetrics.queries)");
            assertThat(threadsOfTheWatch()).isEmpty();
        }
    }

    @Test
    void anEndpointThatNeverAnswersCostsEachReadingTwoSecondsAndHoldsUpNeitherTheLoadNorTheTestsEnd() throws Exception {
        try (MeteredService service = MeteredService.start();
                FaultServer silent = FaultServer.start(FaultServer.Fault.NEVER_ANSWER)) {
            long start = System.nanoTime();
            EngineExecutionResults results = Engine.run(
                    MeteredTestCase.class,
                    service.baseUrl(),
                    reports,
                    Map.of(LoadTest.TARGET_METRICS_PROPERTY_NAME, silent.baseUrl() + "/metrics"));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            results.testEvents().assertStatistics(stats -> stats.succeeded(1));
            LoadTestResult result = resultOf("metered");
            // The load went out on schedule: the readings wait on a thread of their own.
            assertThat(result.counts().sent()).isEqualTo(20);
            assertThat(result.counts().late()).isZero();
            LoadTestResult.TargetUsage target = result.target();
            assertThat(target.scrapes()).isZero();
            assertThat(target.failedScrapes()).isBetween(2, 4);
            assertThat(target.problem()).isEqualTo("GET " + silent.baseUrl() + "/metrics did not answer within 2 s");
            // A reading before and one after the load, 2 s each at most, beside the 2 s of load.
            assertThat(tookMillis).isLessThan(15_000);
            assertThat(threadsOfTheWatch()).isEmpty();
        }
    }

    @Test
    void anEndpointOnAHostLoadMayNotGoToIsAConfigurationErrorBeforeAnyRequest() throws Exception {
        try (MeteredService service = MeteredService.start()) {
            EngineExecutionResults results = Engine.run(
                    MeteredTestCase.class,
                    service.baseUrl(),
                    reports,
                    Map.of(LoadTest.TARGET_METRICS_PROPERTY_NAME, "http://metrics.example.com:9090/metrics"));

            assertThat(Engine.failureMessages(results))
                    .singleElement()
                    .isEqualTo("Configuration error: loadtest.targetMetrics names"
                            + " [\"http://metrics.example.com:9090/metrics\"], whose host metrics.example.com is not one"
                            + " load may go to (allowed: 127.0.0.1, loopback); allow it with @LoadTest(allowedHosts ="
                            + " \"metrics.example.com\") or -Dloadtest.allowedHosts=metrics.example.com");
            assertThat(service.apiRequests()).isZero();
        }
    }

    @Test
    void anEndpointThatIsNotAUrlIsAConfigurationErrorWithAnExample() throws Exception {
        try (MeteredService service = MeteredService.start()) {
            EngineExecutionResults results = Engine.run(
                    MeteredTestCase.class,
                    service.baseUrl(),
                    reports,
                    Map.of(LoadTest.TARGET_METRICS_PROPERTY_NAME, "ftp://host/metrics"));

            assertThat(Engine.failureMessages(results))
                    .singleElement()
                    .asString()
                    .contains("Configuration parameter 'loadtest.targetMetrics' must be the URL of the service's"
                            + " Prometheus or OpenMetrics endpoint, but was [\"ftp://host/metrics\"]; for example"
                            + " \"http://localhost:8080/actuator/prometheus\".");
            assertThat(service.apiRequests()).isZero();
        }
    }

    @Test
    void withoutAnEndpointTheMarkdownSaysHowToHaveTheServicesFigures() throws Exception {
        try (MeteredService service = MeteredService.start()) {
            Engine.run(MeteredTestCase.class, service.baseUrl(), reports);

            assertThat(resultOf("metered").target()).isEqualTo(LoadTestResult.TargetUsage.NONE);
            assertThat(Files.readString(reports.resolve("TargetMetricsTests.MeteredTestCase.metered.md")))
                    .contains("The service's own metrics were not read; set -Dloadtest.targetMetrics=<the service's"
                            + " Prometheus endpoint, for example http://localhost:8080/actuator/prometheus>.")
                    .contains("- Database queries: not measured on the service");
            assertThat(service.metricsReads()).isZero();
        }
    }

    private static List<String> threadsOfTheWatch() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.equals("loadtest-target-metrics"))
                .toList();
    }

    static class MeteredTestCase {
        @LoadTest(rps = 10, duration = "2s")
        @ErrorRateBelow(1)
        void metered(LoadHttp http) {
            http.get("/api").expectStatus(200);
        }
    }

    /** A service that counts what it answers and exposes it in the Prometheus text format. */
    static final class MeteredService implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private final AtomicLong api = new AtomicLong();
        private final AtomicInteger metricsReads = new AtomicInteger();

        private MeteredService() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(threads);
            server.createContext("/api", exchange -> {
                api.incrementAndGet();
                answer(exchange, 200, "{}");
            });
            server.createContext("/metrics", exchange -> {
                metricsReads.incrementAndGet();
                long n = api.get();
                answer(
                        exchange,
                        200,
                        "# TYPE process_cpu_seconds_total counter\n"
                                + "process_cpu_seconds_total " + (0.002 * n) + "\n"
                                + "process_resident_memory_bytes " + (100L * 1024 * 1024 + n * 1024) + "\n"
                                + "spring_data_repository_invocations_seconds_count{method=\"find\"} " + n + "\n"
                                + "spring_data_repository_invocations_seconds_sum{method=\"find\"} " + (0.005 * n)
                                + "\n");
            });
            server.createContext("/", exchange -> answer(exchange, 404, "not here"));
            server.start();
        }

        static MeteredService start() throws IOException {
            return new MeteredService();
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        long apiRequests() {
            return api.get();
        }

        int metricsReads() {
            return metricsReads.get();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
