package io.github.junitloadtest.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server with a fixed number of workers, each spending a fixed service time on every
 * request, and an unbounded queue in front of them: below {@code workers ÷ service time} it answers
 * in the service time, above it its queue, and its latency, grows without end. It measures its own
 * handling time, so a test can take the capacity it really had on a busy machine as the truth.
 */
public final class BoundedServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final int workerCount;
    private final long serviceMillis;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong handlingNanos = new AtomicLong();

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private BoundedServer(int workerCount, long serviceMillis) throws IOException {
        this.workerCount = workerCount;
        this.serviceMillis = serviceMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        workers = Executors.newFixedThreadPool(workerCount, task -> {
            Thread thread = new Thread(task, "bounded-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server of {@code workers} workers that each take {@code serviceMillis} per request. */
    public static BoundedServer start(int workers, long serviceMillis) {
        try {
            return new BoundedServer(workers, serviceMillis);
        } catch (IOException e) {
            throw new IllegalStateException("could not start a loopback server", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The rate its workers could sustain, from the handling time they really took: workers ÷ mean handling time. */
    public double measuredCapacityRps() {
        long count = handled.get();
        return count == 0 ? 0 : workerCount / (handlingNanos.get() / 1e9 / count);
    }

    /** The rate it was built for: workers ÷ service time. */
    public double nominalCapacityRps() {
        return workerCount * 1000.0 / serviceMillis;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        exchange.getRequestBody().readAllBytes();
        try {
            Thread.sleep(serviceMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        handlingNanos.addAndGet(System.nanoTime() - start);
        handled.incrementAndGet();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
