package io.github.junitloadtest.factory;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The factory public API as an embedded WireMock server on a free loopback port. Stubs and data are
 * the mapping and body files under {@code src/test/resources/wiremock}; every response has a
 * log-normal delay of a few to tens of milliseconds. The request journal is off, so memory stays
 * flat however long a run lasts.
 */
public final class FactoryStub implements AutoCloseable {

    private final WireMockServer server;
    private final StubMetrics metrics = new StubMetrics();

    private FactoryStub() {
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderClasspath("wiremock")
                .disableRequestJournal()
                .containerThreads(64)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(16)
                .extensions(new BuildSpecsPager(), metrics, metrics.counting()));
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(StubMetrics.PATH)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok().withTransformers(StubMetrics.NAME)));
    }

    /** The stub's paths a warm-up goes through: every kind of mapping, found and not found. */
    private static final List<String> WARMUP_PATHS = List.of(
            "/api/public/factory/templates",
            "/api/public/factory/templates/hono-rest-api",
            "/api/public/factory/templates/no-such-template",
            "/api/public/factory/capabilities",
            "/api/public/factory/capabilities/free",
            "/api/public/factory/capabilities/platinum",
            "/api/public/factory/build-specs?status=draft&limit=10&offset=0",
            "/api/public/factory/build-specs?limit=5&offset=5");

    /** The most a warm-up may take. */
    static final Duration WARMUP_BUDGET = Duration.ofSeconds(1);

    /** Starts the stub. */
    public static FactoryStub start() {
        return new FactoryStub();
    }

    /** Starts the stub and warms it up, as a load test's target should be. */
    public static FactoryStub startWarmedUp() {
        FactoryStub stub = new FactoryStub();
        stub.warmUp();
        return stub;
    }

    /**
     * Sends the stub requests of every kind for up to a second, so that its own class loading and
     * compilation (Jetty, WireMock's matching and templating) are over before a load test measures it:
     * the stub stands in for a service that has been running. The requests go only to the stub.
     */
    private void warmUp() {
        long start = System.nanoTime();
        long deadline = start + WARMUP_BUDGET.toNanos();
        AtomicInteger sent = new AtomicInteger();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> rounds = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                rounds.add(threads.submit(() -> {
                    // Two rounds over every path per thread at least; more while the budget lasts, up to 25.
                    for (int round = 0; round < 25 && (round < 2 || System.nanoTime() - deadline < 0); round++) {
                        for (String path : WARMUP_PATHS) {
                            client.send(
                                    HttpRequest.newBuilder(URI.create(baseUrl() + path))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            sent.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> round : rounds) {
                round.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while warming up the factory stub", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the factory stub failed while warming up", e.getCause());
        } finally {
            threads.shutdownNow();
        }
        System.out.println("  factory stub warmed up in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms (" + sent.get()
                + " requests to the stub)");
    }

    /** The stub's Prometheus endpoint, for example {@code http://127.0.0.1:41234/actuator/prometheus}. */
    public URI metricsUrl() {
        return URI.create(baseUrl() + StubMetrics.PATH);
    }

    /** For example {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The server, for tests that inject faults. */
    public WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }
}
