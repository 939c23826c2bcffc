package io.github.junitloadtest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw loopback socket server that misbehaves on purpose, one way per instance, and counts the
 * requests it read, so a test can compare them with what the load test says it sent.
 */
public final class FaultServer implements AutoCloseable {

    /** How the server treats each request. */
    public enum Fault {
        /** Answers 200 with a small JSON body, keeping the connection open. */
        NONE,
        /** Reads the request and never answers. */
        NEVER_ANSWER,
        /** Sends headers announcing a large body, a few bytes of it, then nothing more. */
        STALL_MID_BODY,
        /** Sends headers announcing 1000 bytes, 10 of them, then closes the connection. */
        CLOSE_MID_BODY,
        /** Sends a chunked body that never ends, as fast as the client reads. */
        ENDLESS_BODY,
        /** Sends a complete 3 MiB body. */
        HUGE_BODY,
        /** Answers with bytes that are not HTTP. */
        GARBAGE,
        /** Redirects every request to another host. */
        REDIRECT_ELSEWHERE,
        /** Reads the request and closes the connection (FIN) before any response byte. */
        CLOSE_BEFORE_ANSWER,
        /** Reads the request and resets the connection (RST) before any response byte. */
        RESET_BEFORE_ANSWER,
        /** Answers the first request of each connection, kept alive, and closes on the second before answering. */
        CLOSE_SECOND_REQUEST
    }

    public static final int HUGE_BODY_BYTES = 3 << 20;

    private final ServerSocket socket;
    private final Fault fault;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> connections = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fault-server");
        thread.setDaemon(true);
        return thread;
    });

    private FaultServer(Fault fault) throws IOException {
        this.fault = fault;
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /** Starts a server with this fault. */
    public static FaultServer start(Fault fault) {
        try {
            return new FaultServer(fault);
        } catch (IOException e) {
            throw new IllegalStateException("could not start a loopback server", e);
        }
    }

    /**
     * A port that accepts no connection in time: a listening socket whose backlog of one is already
     * full and which never accepts, so the kernel leaves further connection attempts unanswered.
     *
     * @return the socket and its filler connections, to close after the test
     */
    public static Backlogged backlogged() {
        try {
            ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            List<Socket> fillers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), listening.getLocalPort()), 200);
                    fillers.add(filler);
                } catch (IOException full) {
                    filler.close();
                    break;
                }
            }
            return new Backlogged(listening, fillers);
        } catch (IOException e) {
            throw new IllegalStateException("could not start a loopback socket", e);
        }
    }

    /** A listening socket that never accepts. */
    public record Backlogged(ServerSocket listening, List<Socket> fillers) implements AutoCloseable {
        public String baseUrl() {
            return "http://127.0.0.1:" + listening.getLocalPort();
        }

        @Override
        public void close() {
            try {
                for (Socket filler : fillers) {
                    filler.close();
                }
                listening.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Requests read so far. */
    public int requests() {
        return requests.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                accepted.incrementAndGet();
                synchronized (connections) {
                    connections.add(connection);
                }
                threads.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection;
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream()) {
            for (int onThisConnection = 1; readRequest(in); onThisConnection++) {
                requests.incrementAndGet();
                if (fault == Fault.RESET_BEFORE_ANSWER) {
                    connection.setSoLinger(true, 0);
                    return;
                }
                if (fault == Fault.CLOSE_BEFORE_ANSWER
                        || fault == Fault.CLOSE_SECOND_REQUEST && onThisConnection == 2) {
                    return;
                }
                if (!answer(out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException closed) {
            // the client went away or the server is closing
        }
    }

    /** Reads up to the blank line that ends a request without a body; false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        int matched = 0;
        int next;
        while ((next = in.read()) >= 0) {
            matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        return false;
    }

    /** Answers one request; false when the connection is done. */
    private boolean answer(OutputStream out) throws IOException, InterruptedException {
        switch (fault) {
            case NONE, CLOSE_SECOND_REQUEST -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
                return true;
            }
            case NEVER_ANSWER, STALL_MID_BODY -> {
                if (fault == Fault.STALL_MID_BODY) {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n{\"items\":[");
                }
                TimeUnit.MINUTES.sleep(5);
                return false;
            }
            case CLOSE_MID_BODY -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789");
                return false;
            }
            case ENDLESS_BODY -> {
                write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(chunk);
                }
            }
            case HUGE_BODY -> {
                write(
                        out,
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + HUGE_BODY_BYTES
                                + "\r\n\r\n");
                byte[] block = new byte[1 << 16];
                java.util.Arrays.fill(block, (byte) ' ');
                for (int sent = 0; sent < HUGE_BODY_BYTES; sent += block.length) {
                    out.write(block);
                }
                out.flush();
                return true;
            }
            case GARBAGE -> {
                write(out, "SSH-2.0-OpenSSH_9.6 not http at all\r\n\r\n");
                return false;
            }
            case REDIRECT_ELSEWHERE -> {
                write(
                        out,
                        "HTTP/1.1 302 Found\r\nLocation: http://elsewhere.example/login\r\nContent-Length: 0\r\n\r\n");
                return true;
            }
            default -> throw new IllegalStateException("unknown fault " + fault);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
            synchronized (connections) {
                for (Socket connection : connections) {
                    connection.close();
                }
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
