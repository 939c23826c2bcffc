package io.github.junitloadtest.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server whose answers take known times, shared by several load generators, so that what
 * they measure together can be compared with the truth: {@code /dist} answers the {@code k}-th
 * request after 200 ms when {@code k mod 100 = 99}, after 50 ms when it is from 90 to 98, and after
 * 10 ms otherwise (p95 = 50 ms); {@code /stall} answers after 10 ms, but holds every request that
 * arrives in a window of wall-clock time until the window ends. It keeps each request's arrival instant
 * and how long it took from its arrival to its answer being written, so that the truth includes the
 * server's own delays, such as answering two hundred held requests at once.
 */
public final class TruthServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong distRequests = new AtomicLong();
    private final Queue<Instant> arrivals = new ConcurrentLinkedQueue<>();
    private final Queue<Long> answerMicros = new ConcurrentLinkedQueue<>();
    private volatile Instant stallFrom = Instant.MAX;
    private volatile Instant stallUntil = Instant.MAX;

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private TruthServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 500);
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "truth-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static TruthServer start() {
        try {
            return new TruthServer();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the truth server", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Holds {@code /stall} requests arriving in this window of wall-clock time until its end. */
    public TruthServer stallBetween(Instant from, Instant until) {
        stallFrom = from;
        stallUntil = until;
        return this;
    }

    /** Forgets the requests seen so far. */
    public void reset() {
        arrivals.clear();
        answerMicros.clear();
        distRequests.set(0);
    }

    /** Every request's arrival, by the wall clock. */
    public List<Instant> arrivals() {
        return List.copyOf(arrivals);
    }

    /**
     * The nearest-rank percentile of the times from each request's arrival to its answer.
     *
     * @param percentile from 0 to 100
     * @return milliseconds
     */
    public double answerPercentileMillis(double percentile) {
        List<Long> sorted = answerMicros.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1000.0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrivedNanos = System.nanoTime();
        Instant arrived = Instant.now();
        arrivals.add(arrived);
        exchange.getRequestBody().readAllBytes();
        long delayMillis = 10;
        if (exchange.getRequestURI().getPath().equals("/dist")) {
            long rank = distRequests.getAndIncrement() % 100;
            delayMillis = rank == 99 ? 200 : rank >= 90 ? 50 : 10;
        } else if (!arrived.isBefore(stallFrom) && arrived.isBefore(stallUntil)) {
            delayMillis =
                    Math.max(delayMillis, Duration.between(arrived, stallUntil).toMillis());
        }
        try {
            TimeUnit.MILLISECONDS.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        answerMicros.add((System.nanoTime() - arrivedNanos) / 1000);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
