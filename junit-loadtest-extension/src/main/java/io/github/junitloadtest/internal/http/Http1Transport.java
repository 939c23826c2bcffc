package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.internal.schedule.NanoClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 on blocking socket channels, run entirely on the calling worker: each request goes out
 * once, on one connection, and is never resent. (The JDK client resends a {@code GET} or
 * {@code HEAD} whose connection closes before the first response byte, fresh connection or not, so a
 * failing service would receive twice the load reported.) It starts no thread of its own: nothing of
 * it outlives {@link #close()}, which closes every connection, idle or in use.
 *
 * <p>Connections are kept alive and reused, most recently used first. One that the server closed
 * while idle is found before reuse by a non-blocking read and dropped, never written to. Reads and
 * connects are interruptible: an interrupted worker's channel is closed and its exchange ends at
 * once. Redirects are not followed (a 3xx is the service's answer), and HTTP/2 is not offered.
 */
final class Http1Transport implements Transport {

    /** Connections idle longer than this are closed rather than reused; servers close theirs after 5 s or more. */
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);

    private static final byte[] NO_BODY = new byte[0];

    private final NanoClock clock;
    private final SSLContext tls;
    private final boolean verifyHostnames;
    private final Map<Route, ConcurrentLinkedDeque<Http1Connection>> idle = new ConcurrentHashMap<>();
    private final Set<Http1Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * A transport for one load test.
     *
     * @param clock the run's clock, which deadlines are on
     * @param tls the TLS context for https
     * @param verifyHostnames whether an https certificate must name the host
     */
    Http1Transport(NanoClock clock, SSLContext tls, boolean verifyHostnames) {
        this.clock = clock;
        this.tls = tls;
        this.verifyHostnames = verifyHostnames;
    }

    @Override
    public Response exchange(HttpRequest request, long connectDeadline, long deadline, Receiver receiver)
            throws IOException {
        URI uri = request.uri();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        Route route = new Route(
                https, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80);
        byte[] body = bodyOf(request, deadline);
        Http1Connection connection = reusable(route);
        if (connection == null) {
            connection = connect(route, Math.min(connectDeadline, deadline), deadline);
        }
        boolean reuse = false;
        try {
            receiver.writing();
            connection.write(head(request, route, body), body, deadline);
            Http1Connection.Head head =
                    connection.readHead(deadline, request.method().equals("HEAD"));
            receiver.headers(head.status(), head.headers());
            reuse = connection.readBody(head, deadline, receiver);
            return new Response(head.status(), head.headers());
        } finally {
            if (reuse && !closed) {
                connection.idleSince(clock.nanoTime());
                idle.computeIfAbsent(route, key -> new ConcurrentLinkedDeque<>())
                        .push(connection);
                if (closed) {
                    connection.close();
                }
            } else {
                connection.close();
            }
        }
    }

    /** Closes every connection; exchanges in progress fail. */
    @Override
    public void close() {
        closed = true;
        for (Http1Connection connection : open) {
            connection.close();
        }
        idle.clear();
    }

    /** How many connections are open, idle or in use. */
    int openConnections() {
        return open.size();
    }

    private @Nullable Http1Connection reusable(Route route) {
        ConcurrentLinkedDeque<Http1Connection> waiting = idle.get(route);
        if (waiting == null) {
            return null;
        }
        // The oldest idle connection, at the back, is closed once it is too old to reuse, so a past peak of
        // concurrency does not keep its connections open until the test ends.
        Http1Connection oldest = waiting.pollLast();
        if (oldest != null) {
            if (clock.nanoTime() - oldest.idleSince() < MAX_IDLE_NANOS) {
                waiting.offerLast(oldest);
            } else {
                oldest.close();
            }
        }
        for (Http1Connection connection = waiting.poll(); connection != null; connection = waiting.poll()) {
            if (clock.nanoTime() - connection.idleSince() < MAX_IDLE_NANOS && connection.stillOpen()) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private Http1Connection connect(Route route, long connectDeadline, long deadline) throws IOException {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(route.host, route.port);
        } catch (IllegalArgumentException invalidPort) {
            throw new java.net.ConnectException("cannot connect to port " + route.port + " of " + route.host);
        }
        if (address.isUnresolved()) {
            throw new UnknownHostException(route.host);
        }
        SocketChannel channel = SocketChannel.open();
        Http1Connection connection = new Http1Connection(channel, clock, open::remove);
        open.add(connection);
        boolean connected = false;
        try {
            // Checked once the connection is known to close(), so none can open after the transport closed.
            if (closed) {
                throw new IOException("the load test's HTTP transport is closed");
            }
            channel.socket().setTcpNoDelay(true);
            long connectLeft = connectDeadline - clock.nanoTime();
            if (connectLeft <= 0) {
                throw new HttpConnectTimeoutException("HTTP connect timed out");
            }
            try {
                channel.socket().connect(address, Http1Connection.millis(connectLeft));
            } catch (SocketTimeoutException slow) {
                HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("HTTP connect timed out");
                timeout.initCause(slow);
                throw timeout;
            }
            if (route.https) {
                connection.startTls(tls, verifyHostnames, route.host(), route.port(), timeoutMillis(deadline));
            } else {
                connection.plain();
            }
            connected = true;
            return connection;
        } finally {
            if (!connected) {
                connection.close();
            }
        }
    }

    private int timeoutMillis(long deadline) throws HttpTimeoutException {
        long remaining = deadline - clock.nanoTime();
        if (remaining <= 0) {
            throw new HeadersTimeoutException("request timed out");
        }
        return Http1Connection.millis(remaining);
    }

    private static byte[] head(HttpRequest request, Route route, byte[] body) {
        URI uri = request.uri();
        StringBuilder head = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(request.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        // getHost() keeps an IPv6 literal's brackets, as the Host header needs them.
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() >= 0 && uri.getPort() != (route.https ? 443 : 80)) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        boolean userAgent = false;
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            userAgent |= header.getKey().equalsIgnoreCase("User-Agent");
            for (String value : header.getValue()) {
                head.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        if (!userAgent) {
            head.append("User-Agent: junit-loadtest\r\n");
        }
        if (body.length > 0
                || !(request.method().equals("GET")
                        || request.method().equals("HEAD")
                        || request.method().equals("DELETE")
                        || request.method().equals("OPTIONS"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request's body, collected from its publisher before anything is sent. */
    private byte[] bodyOf(HttpRequest request, long deadline) throws IOException {
        if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
            return NO_BODY;
        }
        CompletableFuture<byte[]> collected = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable throwable) {
                collected.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                collected.complete(bytes.toByteArray());
            }
        });
        try {
            long remaining = deadline - clock.nanoTime();
            if (remaining <= 0) {
                throw new HeadersTimeoutException("request timed out while its body was read");
            }
            return collected.get(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the request body");
        } catch (ExecutionException failed) {
            throw new IOException("the request body could not be read: " + failed.getCause(), failed.getCause());
        } catch (TimeoutException slow) {
            throw new HeadersTimeoutException("request timed out while its body was read");
        }
    }

    /** Where a connection goes: scheme, host and port. */
    private record Route(boolean https, String host, int port) {}
}
