package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.junitloadtest.internal.record.MetricsText;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The run's own figures while it runs: a Prometheus scrape endpoint, and OTLP pushed to a collector. */
class LiveMetricsTests {

    @TempDir
    Path reports;

    static final AtomicReference<String> SCRAPED = new AtomicReference<>();
    static volatile int port;

    @Test
    void aPrometheusScrapeDuringTheRunShowsItsIterationsByOutcomeAndItsLatencyHistogramsTaggedWithTheTest()
            throws Exception {
        port = freePort();
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(
                    PrometheusTestCase.class,
                    server.baseUrl(),
                    reports,
                    Map.of(LoadTest.METRICS_PROMETHEUS_PORT_PROPERTY_NAME, String.valueOf(port)));

            results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        }
        MetricsText.Parsed scraped = MetricsText.parse(SCRAPED.get());
        String test = "LiveMetricsTests.PrometheusTestCase.scraped";
        // Scraped in the last iteration: at least the first interval's iterations were in.
        assertThat(scraped.sum("loadtest_iterations_total", Map.of("test", test, "outcome", "SUCCESS")))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(scraped.sum("loadtest_iterations_total", Map.of("test", test, "outcome", "TIMEOUT")))
                .isZero();
        assertThat(scraped.sum(
                        "loadtest_latency_seconds_bucket", Map.of("test", test, "kind", "corrected", "le", "+Inf")))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(scraped.sum("loadtest_latency_seconds_count", Map.of("test", test, "kind", "service")))
                .isGreaterThanOrEqualTo(1.0);
        // The endpoint ended with the test.
        assertThatThrownBy(() -> scrape(port)).isInstanceOf(IOException.class);
        assertThat(liveThreads()).isEmpty();
    }

    @Test
    void otlpIsPushedToTheCollectorEveryIntervalAndOnceMoreAtTheEnd() throws Exception {
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        AtomicReference<byte[]> last = new AtomicReference<>(new byte[0]);
        AtomicInteger posts = new AtomicInteger();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        collector.createContext("/v1/metrics", exchange -> {
            posts.incrementAndGet();
            contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            last.set(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(
                    OtlpTestCase.class,
                    server.baseUrl(),
                    reports,
                    Map.of(
                            LoadTest.METRICS_OTLP_URL_PROPERTY_NAME,
                            "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics"));

            results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        } finally {
            collector.stop(0);
        }
        assertThat(posts.get()).isGreaterThanOrEqualTo(1);
        assertThat(contentTypes).allSatisfy(type -> assertThat(type).isEqualTo("application/x-protobuf"));
        String body = new String(last.get(), StandardCharsets.ISO_8859_1);
        assertThat(body)
                .contains("loadtest.iterations")
                .contains("loadtest.latency")
                .contains("LiveMetricsTests.OtlpTestCase.pushed");
        assertThat(liveThreads()).isEmpty();
    }

    @Test
    void aPortThatIsNotOneIsAConfigurationErrorBeforeAnyRequest() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(
                    OtlpTestCase.class,
                    server.baseUrl(),
                    reports,
                    Map.of(LoadTest.METRICS_PROMETHEUS_PORT_PROPERTY_NAME, "99999"));

            assertThat(Engine.failureMessages(results))
                    .singleElement()
                    .asString()
                    .contains("Configuration parameter 'loadtest.metrics.prometheusPort' must be a port from 1 to 65535"
                            + " for the Prometheus endpoint on 127.0.0.1, but was [\"99999\"]; for example 9464.");
            assertThat(server.requests()).isZero();
        }
    }

    private static List<String> liveThreads() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("loadtest-live-metrics")
                            || name.startsWith("loadtest-metrics-endpoint")
                            || name.startsWith("otlp-metrics-publisher"))
                    .toList();
            if (!alive.isEmpty()) {
                Thread.sleep(50);
            }
        } while (!alive.isEmpty() && System.nanoTime() < deadline);
        return alive;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String scrape(int port) throws IOException {
        HttpURLConnection connection = (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/metrics").toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(2000);
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    static class PrometheusTestCase {
        private final AtomicInteger iteration = new AtomicInteger();

        @LoadTest(rps = 10, duration = "2s", maxInFlight = 1)
        @ErrorRateBelow(1)
        void scraped(LoadHttp http) throws IOException {
            http.get("/").expectStatus(200);
            if (iteration.incrementAndGet() == 19) {
                SCRAPED.set(scrape(port));
            }
        }
    }

    static class OtlpTestCase {
        @LoadTest(rps = 10, duration = "2s")
        @ErrorRateBelow(1)
        void pushed(LoadHttp http) {
            http.get("/").expectStatus(200);
        }
    }
}
