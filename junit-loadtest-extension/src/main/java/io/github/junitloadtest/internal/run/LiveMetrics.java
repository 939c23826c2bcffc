package io.github.junitloadtest.internal.run;

import com.sun.net.httpserver.HttpServer;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.IntervalSnapshot;
import io.github.junitloadtest.internal.record.LatencyDistribution;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A run's figures as they go, through Micrometer: a Prometheus scrape endpoint on a loopback port
 * and OTLP pushed to an endpoint, each when asked for. The meters are fed from each closed timeline
 * interval on a thread of their own, never per request, so recording stays as it is: iterations by
 * outcome, and the corrected latency and the service time as histograms in the backend's own form
 * (Prometheus buckets, OTLP's histogram), every meter tagged with the test. Closed with the run,
 * after a last push.
 */
final class LiveMetrics implements AutoCloseable {

    /** The scrape endpoint's path. */
    static final String PATH = "/metrics";

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final List<MeterRegistry> backends = new ArrayList<>();
    private final ExecutorService feeding =
            Executors.newSingleThreadExecutor(DaemonThreads.named("loadtest-live-metrics"));
    private final Map<Outcome, Counter> iterations = new EnumMap<>(Outcome.class);
    private final Timer corrected;
    private final Timer service;
    private @Nullable HttpServer endpoint;
    private @Nullable ExecutorService endpointThread;
    private boolean closed;

    private LiveMetrics(String testId) {
        for (Outcome outcome : Outcome.values()) {
            iterations.put(
                    outcome,
                    Counter.builder("loadtest.iterations")
                            .description("iterations of the load test that ended, by outcome")
                            .tag("test", testId)
                            .tag("outcome", outcome.name())
                            .register(registry));
        }
        corrected = latency(testId, "corrected", "from each arrival's intended start");
        service = latency(testId, "service", "from each iteration's actual start");
    }

    private Timer latency(String testId, String kind, String from) {
        return Timer.builder("loadtest.latency")
                .description("latency of the load test's iterations, " + from)
                .tag("test", testId)
                .tag("kind", kind)
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * The live metrics a plan asks for, started, or null when it asks for none.
     *
     * @param plan the plan
     * @return the metrics, serving and pushing from now on
     */
    static @Nullable LiveMetrics start(LoadPlan plan) {
        LoadPlan.LiveMetrics wanted = plan.liveMetrics();
        if (!wanted.enabled()) {
            return null;
        }
        LiveMetrics live = new LiveMetrics(plan.testId());
        try {
            if (wanted.prometheusPort() > 0) {
                live.servePrometheus(wanted.prometheusPort());
            }
            wanted.otlp()
                    .ifPresent(
                            url -> live.pushOtlp(url.toString(), plan.interval().toSeconds()));
            return live;
        } catch (RuntimeException failed) {
            live.close();
            throw failed;
        }
    }

    private void servePrometheus(int port) {
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry prometheus =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        add(prometheus);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            ExecutorService thread =
                    Executors.newSingleThreadExecutor(DaemonThreads.named("loadtest-metrics-endpoint"));
            server.setExecutor(thread);
            server.createContext(PATH, exchange -> {
                byte[] body = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            endpoint = server;
            endpointThread = thread;
        } catch (IOException taken) {
            throw new UncheckedIOException(
                    "could not open the Prometheus endpoint of the load test on 127.0.0.1:" + port + " (is the port"
                            + " taken?)",
                    taken);
        }
    }

    private void pushOtlp(String url, long stepSeconds) {
        add(new io.micrometer.registry.otlp.OtlpMeterRegistry(
                key -> switch (key) {
                    case "otlp.url" -> url;
                    case "otlp.step" -> stepSeconds + "s";
                    default -> null;
                },
                Clock.SYSTEM));
    }

    private void add(MeterRegistry backend) {
        backends.add(backend);
        registry.add(backend);
    }

    /**
     * Adds a closed interval's figures, on the metrics' own thread.
     *
     * @param interval the interval
     */
    void accept(IntervalSnapshot interval) {
        feeding.execute(() -> {
            long failures = 0;
            for (Map.Entry<Outcome, Long> failed : interval.failuresByOutcome().entrySet()) {
                counter(failed.getKey()).increment((double) failed.getValue());
                failures += failed.getValue();
            }
            counter(Outcome.SUCCESS).increment((double) Math.max(0, interval.iterations() - failures));
            record(corrected, interval.corrected());
            record(service, interval.service());
        });
    }

    /** The counter of an outcome; every outcome has one from the start. */
    private Counter counter(Outcome outcome) {
        return java.util.Objects.requireNonNull(iterations.get(outcome));
    }

    private static void record(Timer timer, LatencyDistribution latencies) {
        latencies.forEachValue((micros, count) -> {
            for (long i = 0; i < count; i++) {
                timer.record(micros, TimeUnit.MICROSECONDS);
            }
        });
    }

    /** The scrape endpoint's port, or 0 without one. */
    int port() {
        HttpServer server = endpoint;
        return server == null ? 0 : server.getAddress().getPort();
    }

    /** Feeds what is queued, pushes a last time, and ends every thread of the metrics. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        feeding.shutdown();
        try {
            feeding.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
        feeding.shutdownNow();
        HttpServer server = endpoint;
        if (server != null) {
            server.stop(0);
        }
        ExecutorService thread = endpointThread;
        if (thread != null) {
            thread.shutdownNow();
        }
        // Closing a push registry publishes its last step first.
        for (MeterRegistry backend : backends) {
            backend.close();
        }
        registry.close();
    }
}
