package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.internal.schedule.NanoClock;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection of {@link Http1Transport}, used by one worker at a time: it writes a
 * request, reads the response's head and frames its body (Content-Length, chunked, or to the end of
 * the stream), with every read bounded by the exchange's deadline.
 */
final class Http1Connection {

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("[0-9]{1,18}");
    private static final Pattern CHUNK_SIZE = Pattern.compile("[0-9a-fA-F]{1,15}");

    /** Requests up to this size are written in one blocking write: a socket's send buffer holds them. */
    private static final int SMALL_REQUEST_BYTES = 16 * 1024;

    /** A status line and headers, and how the body is framed. */
    record Head(
            int status, HttpHeaders headers, boolean keepAlive, long contentLength, boolean chunked, boolean noBody) {}

    private final SocketChannel channel;
    private final NanoClock clock;
    private final Consumer<Http1Connection> onClose;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private final ByteBuffer peek = ByteBuffer.allocate(1);
    private int position;
    private int limit;
    private long received;
    private boolean inBody;
    private volatile long idleSince;

    Http1Connection(SocketChannel channel, NanoClock clock, Consumer<Http1Connection> onClose) {
        this.channel = channel;
        this.clock = clock;
        this.onClose = onClose;
        // Made before it connects, so that closing the transport reaches it; used only once plain() or
        // startTls() has given it its streams.
        this.socket = channel.socket();
        this.in = NOT_CONNECTED_IN;
        this.out = NOT_CONNECTED_OUT;
    }

    private static final InputStream NOT_CONNECTED_IN = new InputStream() {
        @Override
        public int read() throws IOException {
            throw new IOException("the connection is not made yet");
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            throw new IOException("the connection is not made yet");
        }
    };

    private static final OutputStream NOT_CONNECTED_OUT = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("the connection is not made yet");
        }
    };

    long idleSince() {
        return idleSince;
    }

    void idleSince(long nanos) {
        idleSince = nanos;
    }

    void plain() throws IOException {
        socket = channel.socket();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void startTls(SSLContext context, boolean verify, String host, int port, int handshakeMillis) throws IOException {
        SSLSocket tlsSocket = (SSLSocket) context.getSocketFactory().createSocket(channel.socket(), host, port, true);
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
            Transport.HeadersTimeoutException timeout =
                    new Transport.HeadersTimeoutException("request timed out during the TLS handshake");
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
                peek.clear();
                return channel.read(peek) == 0 && position == limit;
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
                            throw new Transport.HeadersTimeoutException(
                                    "request timed out while the request was written");
                        }
                        selector.select(millis(remaining));
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
            boolean keepAlive =
                    status != 101 && (http10 ? connection.contains("keep-alive") : !connection.contains("close"));
            boolean chunked = headers.firstValue("Transfer-Encoding")
                    .map(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))
                    .orElse(false);
            long length = -1;
            List<String> lengths = headers.allValues("Content-Length");
            if (!chunked && !lengths.isEmpty()) {
                String text = lengths.get(0);
                if (!CONTENT_LENGTH.matcher(text).matches()
                        || lengths.stream().anyMatch(other -> !other.equals(text))) {
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
    boolean readBody(Head head, long deadline, Transport.Receiver receiver) throws IOException {
        inBody = true;
        if (head.noBody) {
            return head.keepAlive;
        }
        if (head.chunked) {
            while (true) {
                String size = line(deadline, false);
                int extension = size.indexOf(';');
                String digits = (extension < 0 ? size : size.substring(0, extension)).strip();
                if (!CHUNK_SIZE.matcher(digits).matches()) {
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

    private void copy(long length, long deadline, Transport.Receiver receiver) throws IOException {
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
                throw new EOFException(
                        first && received == 0
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
        int read;
        while (true) {
            long remaining = deadline - clock.nanoTime();
            if (remaining <= 0) {
                throw timeout(null);
            }
            socket.setSoTimeout(millis(remaining));
            try {
                read = in.read(buffer, 0, buffer.length);
                break;
            } catch (SocketTimeoutException slow) {
                // The socket's own timer is not the run's clock: the exchange ends at its deadline, not before.
                if (deadline - clock.nanoTime() <= 0) {
                    throw timeout(slow);
                }
            }
        }
        if (read < 0) {
            return false;
        }
        received += read;
        position = 0;
        limit = read;
        return true;
    }

    /** The timeout of the phase the exchange is in: the headers', or the body's once it has begun. */
    private HttpTimeoutException timeout(@Nullable SocketTimeoutException cause) {
        HttpTimeoutException timeout = inBody
                ? new Transport.BodyTimeoutException("request timed out during the body")
                : new Transport.HeadersTimeoutException("request timed out");
        timeout.initCause(cause);
        return timeout;
    }

    /**
     * Nanoseconds left as a socket timeout: whole milliseconds rounded up, so that it does not end
     * before the deadline, and at least 1 (0 would mean none).
     */
    static int millis(long remainingNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(remainingNanos);
        if (TimeUnit.MILLISECONDS.toNanos(millis) < remainingNanos) {
            millis++;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    /**
     * Closes the channel first: closing a TLS socket would send close_notify, which can block
     * behind a worker's write or fail while the worker has the channel non-blocking.
     */
    void close() {
        onClose.accept(this);
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

    private static String printable(String text) {
        String shortened = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shortened.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
