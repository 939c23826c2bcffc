package io.github.junitloadtest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal keep-alive HTTP/1.1 server on loopback that answers every request with 200 after a fixed
 * delay, a thread per connection. Leaner than the JDK's server, so a latency bound measures the
 * client and the engine rather than the test server's own dispatching.
 */
public final class RawDelayServer implements AutoCloseable {

    private static final byte[] RESPONSE =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                    .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "raw-delay-server");
        thread.setDaemon(true);
        return thread;
    });
    private final long delayMillis;

    private RawDelayServer(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /** Starts a server that answers after the given delay. */
    public static RawDelayServer start(long delayMillis) {
        try {
            return new RawDelayServer(delayMillis);
        } catch (IOException e) {
            throw new IllegalStateException("could not start a loopback server", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                threads.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = connection.getOutputStream()) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    Thread.sleep(delayMillis);
                    out.write(RESPONSE);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException closed) {
            // the client went away or the server is closing
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
