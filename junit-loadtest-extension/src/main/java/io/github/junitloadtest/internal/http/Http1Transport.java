package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.internal.schedule.NanoClock;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

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
final class Http1Transport implements AutoCloseable {

    /** Connections idle longer than this are closed rather than reused; servers close theirs after 5 s or more. */
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    /** Requests up to this size are written in one blocking write: a socket's send buffer holds them. */
    private static final int SMALL_REQUEST_BYTES = 16 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final NanoClock clock;
    private final SSLContext tls;
    private final boolean verifyHostnames;
    private final Map<Route, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
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

    /** Where the response's body goes, and when its headers came. */
    interface Receiver {
        /** The connection is open and the request is about to be written: from here on it may reach the server. */
        void writing();

        /** The status line and headers have been read. */
        void headers(int status, HttpHeaders headers);

        /** The next bytes of the body. */
        void body(byte[] bytes, int offset, int length);
    }

    /** A response whose body the receiver has taken. */
    record Response(int status, HttpHeaders headers) {}

    /** The response headers did not come before the deadline. */
    static final class HeadersTimeoutException extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        HeadersTimeoutException(String message) {
            super(message);
        }
    }

    /** The body was still coming at the deadline. */
    static final class BodyTimeoutException extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        BodyTimeoutException(String message) {
            super(message);
        }
    }

    /**
     * Sends a request once and reads its response.
     *
     * @param request the request: method, URI, headers and body
     * @param connectDeadline when the connection, if a new one is needed, must be up, on the run's clock
     * @param deadline when the whole exchange must be over, on the run's clock
     * @param receiver where the headers and the body go
     * @return the status and headers
     * @throws IOException a connect or read failure, {@link HttpConnectTimeoutException},
     *     {@link HeadersTimeoutException} or {@link BodyTimeoutException}
     */
    Response exchange(HttpRequest request, long connectDeadline, long deadline, Receiver receiver) throws IOException {
        URI uri = request.uri();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        Route route = new Route(https, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80);
        byte[] body = bodyOf(request, deadline);
        Connection connection = reusable(route);
        if (connection == null) {
            connection = connect(route, Math.min(connectDeadline, deadline), deadline);
        }
        boolean reuse = false;
        try {
            receiver.writing();
            connection.write(head(request, route, body), body, deadline);
            Head head = connection.readHead(deadline, request.method().equals("HEAD"));
            receiver.headers(head.status, head.headers);
            reuse = connection.readBody(head, deadline, receiver);
            return new Response(head.status, head.headers);
        } finally {
            if (reuse && !closed) {
                connection.idleSince = clock.nanoTime();
                idle.computeIfAbsent(route, key -> new ConcurrentLinkedDeque<>()).push(connection);
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
        for (Connection connection : open) {
            connection.close();
        }
        idle.clear();
    }

    /** How many connections are open, idle or in use. */
    int openConnections() {
        return open.size();
    }

    private Connection reusable(Route route) {
        ConcurrentLinkedDeque<Connection> waiting = idle.get(route);
        if (waiting == null) {
            return null;
        }
        // The oldest idle connection, at the back, is closed once it is too old to reuse, so a past peak of
        // concurrency does not keep its connections open until the test ends.
        Connection oldest = waiting.pollLast();
        if (oldest != null) {
            if (clock.nanoTime() - oldest.idleSince < MAX_IDLE_NANOS) {
                waiting.offerLast(oldest);
            } else {
                oldest.close();
            }
        }
        for (Connection connection = waiting.poll(); connection != null; connection = waiting.poll()) {
            if (clock.nanoTime() - connection.idleSince < MAX_IDLE_NANOS && connection.stillOpen()) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private Connection connect(Route route, long connectDeadline, long deadline) throws IOException {
        if (closed) {
            throw new IOException("the load test's HTTP transport is closed");
        }
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
        Connection connection = new Connection(channel);
        open.add(connection);
        boolean connected = false;
        try {
            if (closed) {
                throw new IOException("the load test's HTTP transport is closed");
            }
            channel.socket().setTcpNoDelay(true);
            long connectLeft = connectDeadline - clock.nanoTime();
            if (connectLeft <= 0) {
                throw new HttpConnectTimeoutException("HTTP connect timed out");
            }
            try {
                channel.socket().connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                        TimeUnit.NANOSECONDS.toMillis(connectLeft))));
            } catch (SocketTimeoutException slow) {
                HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("HTTP connect timed out");
                timeout.initCause(slow);
                throw timeout;
            }
            if (route.https) {
                connection.startTls(tls, verifyHostnames, route, timeoutMillis(deadline));
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
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining)));
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
        if (body.length > 0 || !(request.method().equals("GET") || request.method().equals("HEAD")
                || request.method().equals("DELETE") || request.method().equals("OPTIONS"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request's body, collected from its publisher before anything is sent. */
    private byte[] bodyOf(HttpRequest request, long deadline) throws IOException {
        if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
            return new byte[0];
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
            return collected.get(timeoutMillis(deadline), TimeUnit.MILLISECONDS);
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

    /** A status line and headers, and how the body is framed. */
    private record Head(int status, HttpHeaders headers, boolean keepAlive, long contentLength, boolean chunked,
            boolean noBody) {}

    /** One connection, used by one worker at a time. */
    private final class Connection {
        private final SocketChannel channel;
        private java.net.Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;
        private long received;
        private boolean inBody;
        volatile long idleSince;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void plain() throws IOException {
            socket = channel.socket();
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void startTls(SSLContext context, boolean verify, Route route, int handshakeMillis) throws IOException {
            SSLSocket tlsSocket = (SSLSocket) context.getSocketFactory().createSocket(channel.socket(), route.host,
                    route.port, true);
            SSLParameters parameters = tlsSocket.getSSLParameters();
            if (verify) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            tlsSocket.setSSLParameters(parameters);
            tlsSocket.setSoTimeout(handshakeMillis);
            socket = tlsSocket;
            try {
                tlsSocket.startHandshake();
            } catch (SocketTimeoutException slow) {
                HeadersTimeoutException timeout = new HeadersTimeoutException("request timed out during the TLS handshake");
                timeout.initCause(slow);
                throw timeout;
            }
            in = tlsSocket.getInputStream();
            out = tlsSocket.getOutputStream();
        }

        /** Whether the server has neither closed this idle connection nor sent anything on it. */
        boolean stillOpen() {
            try {
                channel.configureBlocking(false);
                try {
                    return channel.read(ByteBuffer.allocate(1)) == 0 && position == limit;
                } finally {
                    channel.configureBlocking(true);
                }
            } catch (IOException | RuntimeException closedOrBroken) {
                return false;
            }
        }

        /**
         * Writes the request. One that fits the socket's send buffer cannot block (the previous
         * response on this connection was read whole); a larger one over plain HTTP is written
         * without blocking, bounded by the deadline. Over TLS a larger one blocks until written, or
         * until the run's end interrupts it.
         */
        void write(byte[] head, byte[] body, long deadline) throws IOException {
            received = 0;
            inBody = false;
            if (socket instanceof SSLSocket || head.length + body.length <= SMALL_REQUEST_BYTES) {
                out.write(head);
                if (body.length > 0) {
                    out.write(body);
                }
                out.flush();
                return;
            }
            channel.configureBlocking(false);
            try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
                channel.register(selector, java.nio.channels.SelectionKey.OP_WRITE);
                for (ByteBuffer bytes : new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(body)}) {
                    while (bytes.hasRemaining()) {
                        if (channel.write(bytes) == 0) {
                            long remaining = deadline - clock.nanoTime();
                            if (remaining <= 0) {
                                throw new HeadersTimeoutException("request timed out while the request was written");
                            }
                            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                            selector.selectedKeys().clear();
                            if (Thread.currentThread().isInterrupted()) {
                                throw new java.nio.channels.ClosedByInterruptException();
                            }
                        }
                    }
                }
            }
            // Closing the selector deregistered the channel, which goes back to blocking for the response.
            channel.configureBlocking(true);
        }

        Head readHead(long deadline, boolean headRequest) throws IOException {
            while (true) {
                String statusLine = line(deadline, true);
                if (!statusLine.startsWith("HTTP/1.")) {
                    throw new IOException("not an HTTP/1.x response: [" + printable(statusLine) + "]");
                }
                int status;
                try {
                    status = Integer.parseInt(statusLine.substring(9, 12));
                } catch (RuntimeException malformed) {
                    throw new IOException("malformed status line: [" + printable(statusLine) + "]");
                }
                Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                int headBytes = statusLine.length();
                for (String field = line(deadline, false); !field.isEmpty(); field = line(deadline, false)) {
                    headBytes += field.length();
                    if (headBytes > MAX_HEAD_BYTES) {
                        throw new IOException("response headers larger than " + MAX_HEAD_BYTES + " bytes");
                    }
                    int colon = field.indexOf(':');
                    if (colon <= 0) {
                        throw new IOException("malformed response header: [" + printable(field) + "]");
                    }
                    fields.computeIfAbsent(field.substring(0, colon).strip(), name -> new ArrayList<>(1))
                            .add(field.substring(colon + 1).strip());
                }
                if (status >= 100 && status < 200 && status != 101) {
                    continue; // 100 Continue, 103 Early Hints: the final response follows
                }
                HttpHeaders headers = HttpHeaders.of(fields, (name, value) -> true);
                boolean http10 = statusLine.startsWith("HTTP/1.0");
                String connection = headers.firstValue("Connection").orElse("").toLowerCase(Locale.ROOT);
                // A 101 switched the connection to another protocol: it never carries another request.
                boolean keepAlive = status != 101 && (http10 ? connection.contains("keep-alive") : !connection.contains("close"));
                boolean chunked = headers.firstValue("Transfer-Encoding").map(value -> value.toLowerCase(Locale.ROOT)
                        .contains("chunked")).orElse(false);
                long length = -1;
                List<String> lengths = headers.allValues("Content-Length");
                if (!chunked && !lengths.isEmpty()) {
                    String text = lengths.get(0);
                    if (!text.matches("[0-9]{1,18}") || lengths.stream().anyMatch(other -> !other.equals(text))) {
                        throw new IOException("malformed Content-Length: [" + printable(String.join(", ", lengths)) + "]");
                    }
                    length = Long.parseLong(text);
                }
                boolean noBody = headRequest || status == 204 || status == 304 || status < 200;
                return new Head(status, headers, keepAlive, length, chunked, noBody);
            }
        }

        /**
         * Reads the body into the receiver.
         *
         * @return whether the connection can carry another request
         */
        boolean readBody(Head head, long deadline, Receiver receiver) throws IOException {
            inBody = true;
            if (head.noBody) {
                return head.keepAlive;
            }
            if (head.chunked) {
                while (true) {
                    String size = line(deadline, false);
                    int extension = size.indexOf(';');
                    String digits = (extension < 0 ? size : size.substring(0, extension)).strip();
                    if (!digits.matches("[0-9a-fA-F]{1,15}")) {
                        throw new IOException("malformed chunk size: [" + printable(size) + "]");
                    }
                    long chunk = Long.parseLong(digits, 16);
                    if (chunk == 0) {
                        while (!line(deadline, false).isEmpty()) {
                            // trailer fields, ignored
                        }
                        return head.keepAlive;
                    }
                    copy(chunk, deadline, receiver);
                    if (!line(deadline, false).isEmpty()) {
                        throw new IOException("malformed chunked body: no line end after a chunk");
                    }
                }
            }
            if (head.contentLength >= 0) {
                copy(head.contentLength, deadline, receiver);
                return head.keepAlive;
            }
            // The body runs to the end of the stream, starting with what came with the headers.
            while (position < limit || fill(deadline)) {
                receiver.body(buffer, position, limit - position);
                position = limit;
            }
            return false;
        }

        private void copy(long length, long deadline, Receiver receiver) throws IOException {
            long left = length;
            while (left > 0) {
                if (position == limit && !fill(deadline)) {
                    throw new EOFException("connection closed with " + left + " bytes of the body still to come");
                }
                int take = (int) Math.min(left, limit - position);
                receiver.body(buffer, position, take);
                position += take;
                left -= take;
            }
        }

        /** A line without its CRLF; at the first line of a response, an end of stream means no response came. */
        private String line(long deadline, boolean first) throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                if (position == limit && !fill(deadline)) {
                    throw new EOFException(first && received == 0
                            ? "connection closed before any response byte"
                            : "connection closed in the response headers");
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                if (line.length() >= MAX_HEAD_BYTES) {
                    throw new IOException("response line longer than " + MAX_HEAD_BYTES + " bytes");
                }
                line.append((char) (b & 0xff));
            }
        }

        /** Reads more bytes; false at the end of the stream. A timeout is the headers' or the body's, by phase. */
        private boolean fill(long deadline) throws IOException {
            long remaining = deadline - clock.nanoTime();
            if (remaining <= 0) {
                throw inBody ? new BodyTimeoutException("request timed out during the body")
                        : new HeadersTimeoutException("request timed out");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining))));
            int read;
            try {
                read = in.read(buffer, 0, buffer.length);
            } catch (SocketTimeoutException slow) {
                HttpTimeoutException timeout = inBody ? new BodyTimeoutException("request timed out during the body")
                        : new HeadersTimeoutException("request timed out");
                timeout.initCause(slow);
                throw timeout;
            }
            if (read < 0) {
                return false;
            }
            received += read;
            position = 0;
            limit = read;
            return true;
        }

        /**
         * Closes the channel first: closing a TLS socket would send close_notify, which can block
         * behind a worker's write or fail while the worker has the channel non-blocking.
         */
        void close() {
            open.remove(this);
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing: nothing more can be lost
            }
            if (socket instanceof SSLSocket) {
                try {
                    socket.close();
                } catch (IOException | RuntimeException ignored) {
                    // the channel is closed already; this only releases the TLS state
                }
            }
        }
    }

    private static String printable(String text) {
        String shortened = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shortened.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
