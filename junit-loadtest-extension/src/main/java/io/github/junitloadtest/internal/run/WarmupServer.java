package io.github.junitloadtest.internal.run;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 server on a free loopback port that answers every request at once with a small JSON
 * body; the generator warms its own code paths against it, never against the target. Over plain
 * HTTP it keeps connections alive; over TLS it closes each after one answer, so that every request
 * of the warm-up is a handshake.
 */
final class WarmupServer implements AutoCloseable {

    static final String THREAD_NAME_PREFIX = "loadtest-warmup-";

    private static final byte[] BODY = ("{\"warmup\":true,\"items\":[{\"slug\":\"a\",\"name\":\"first\",\"size\":1},"
                    + "{\"slug\":\"b\",\"name\":\"second\",\"size\":2}]}")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = concat(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + "Content-Length: " + BODY.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII),
            BODY);
    private static final byte[] CLOSING_RESPONSE = concat(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + "Connection: close\r\nContent-Length: "
                            + BODY.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII),
            BODY);

    private final ServerSocket socket;
    private final boolean tls;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;

    /** A plain HTTP server. */
    WarmupServer() throws IOException {
        this(null);
    }

    /**
     * A server over TLS with the given context's key, or plain HTTP when it is null.
     *
     * @param tls the server's TLS context, or null
     */
    WarmupServer(javax.net.ssl.@Nullable SSLContext tls) throws IOException {
        this.tls = tls != null;
        this.socket = tls == null
                ? new ServerSocket(0, 100, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 100, InetAddress.getLoopbackAddress());
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, THREAD_NAME_PREFIX + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::accept);
    }

    URI baseUrl() {
        return URI.create((tls ? "https" : "http") + "://"
                + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort());
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                connections.add(connection);
                threads.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection;
                InputStream in = new BufferedInputStream(connection.getInputStream());
                OutputStream out = connection.getOutputStream()) {
            // Requests carry no body: each ends with an empty line, answered as soon as it is read.
            int newlines = 0;
            int read;
            while ((read = in.read()) >= 0) {
                if (read == '\n') {
                    if (++newlines == 2) {
                        out.write(tls ? CLOSING_RESPONSE : RESPONSE);
                        out.flush();
                        newlines = 0;
                        if (tls) {
                            return;
                        }
                    }
                } else if (read != '\r') {
                    newlines = 0;
                }
            }
        } catch (IOException closed) {
            // the client went away, or the server is closing
        } finally {
            connections.remove(connection);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket connection : connections) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static byte[] concat(byte[] head, byte[] body) {
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }
}
