package io.github.junitloadtest.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JDK HTTP server on a free loopback port whose delay, status and body tests set, and which can
 * freeze every request until a given time.
 */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long delayMillis;
    private volatile int status = 200;
    private volatile String body = "{\"ok\":true}";
    private final AtomicLong frozenUntilNanos = new AtomicLong();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Queue<String> seenPaths = new ConcurrentLinkedQueue<>();
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

    /**
     * A request as the server received it.
     *
     * @param method for example {@code "POST"}
     * @param target the raw path and query
     * @param contentType the Content-Type header, or empty
     * @param header the X-Test header, or empty
     * @param body the body's bytes
     * @param headers every header, by lower-case name
     */
    public record Seen(
            String method,
            String target,
            String contentType,
            String header,
            byte[] body,
            Map<String, List<String>> headers) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Every value of one header, in order; empty when it was not sent. */
        public List<String> values(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
        }
    }

    private record Route(int status, String body, String contentType, long delayMillis) {}

    private final AtomicLong firstRequestNanos = new AtomicLong();
    private volatile long slowFromMillis = -1;
    private volatile long slowToMillis = -1;
    private volatile long slowDelayMillis;

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs and add ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "loopback-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server that answers 200 with a small JSON body at once. */
    public static LoopbackServer start() {
        try {
            return new LoopbackServer();
        } catch (IOException e) {
            throw new IllegalStateException("could not start a loopback server", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public LoopbackServer delayMillis(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public LoopbackServer status(int status) {
        this.status = status;
        return this;
    }

    public LoopbackServer body(String body) {
        this.body = body;
        return this;
    }

    /** Holds every request that arrives in the next {@code millis} until that time has passed. */
    public LoopbackServer freezeFor(long millis) {
        frozenUntilNanos.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        return this;
    }

    /** Answers requests to exactly this path (query ignored) with the given status and body. */
    public LoopbackServer route(String path, int status, String body) {
        routes.put(path, new Route(status, body, "application/json", 0));
        return this;
    }

    /** Answers requests to exactly this path with 200 after the given delay. */
    public LoopbackServer slowRoute(String path, long delayMillis) {
        routes.put(path, new Route(200, "{\"slow\":true}", "application/json", delayMillis));
        return this;
    }

    /** Delays every request that arrives between these times after the first request by the given delay. */
    public LoopbackServer slowBetween(long fromMillis, long toMillis, long delayMillis) {
        slowDelayMillis = delayMillis;
        slowFromMillis = fromMillis;
        slowToMillis = toMillis;
        return this;
    }

    /** The raw paths and queries received, in order of arrival. */
    public List<String> seenPaths() {
        return List.copyOf(seenPaths);
    }

    public int requests() {
        return requests.get();
    }

    /** Every request received, in order of arrival. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        URI uri = exchange.getRequestURI();
        String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        seenPaths.add(target);
        byte[] received = exchange.getRequestBody().readAllBytes();
        seen.add(new Seen(
                exchange.getRequestMethod(),
                target,
                String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                        .replace("null", ""),
                String.valueOf(exchange.getRequestHeaders().getFirst("X-Test")).replace("null", ""),
                received,
                exchange.getRequestHeaders().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                entry -> entry.getKey().toLowerCase(java.util.Locale.ROOT),
                                entry -> List.copyOf(entry.getValue())))));
        Route route = routes.get(uri.getRawPath());
        long now = System.nanoTime();
        firstRequestNanos.compareAndSet(0, now);
        long sinceFirst = TimeUnit.NANOSECONDS.toMillis(now - firstRequestNanos.get());
        try {
            long frozenUntil = frozenUntilNanos.get();
            long frozenFor = frozenUntil - System.nanoTime();
            if (frozenUntil != 0 && frozenFor > 0) {
                TimeUnit.NANOSECONDS.sleep(frozenFor);
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (route != null && route.delayMillis() > 0) {
                Thread.sleep(route.delayMillis());
            }
            if (sinceFirst >= slowFromMillis && sinceFirst < slowToMillis) {
                Thread.sleep(slowDelayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = (route == null ? body : route.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(route == null ? status : route.status(), head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
