package io.github.junitloadtest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.internal.schedule.NanoClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 transport against a raw loopback server that answers each request as a test scripts it. */
class Http1TransportTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final NanoClock clock = System::nanoTime;
    private final Http1Transport transport = new Http1Transport(clock, defaultTls(), true);
    private ScriptedServer server;

    @AfterEach
    void close() throws IOException {
        transport.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keptAliveConnectionsCarryOneRequestAfterAnother() throws Exception {
        server = ScriptedServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");

        for (int i = 0; i < 3; i++) {
            Body body = new Body();
            assertThat(transport
                            .exchange(get("/one"), deadline(), deadline(), body)
                            .status())
                    .isEqualTo(200);
            assertThat(body.text()).isEqualTo("hello");
        }

        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.heads())
                .hasSize(3)
                .allSatisfy(head -> assertThat(head)
                        .startsWith("GET /one HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
                        .contains("User-Agent: junit-loadtest\r\n")
                        .doesNotContain("Content-Length"));
        assertThat(transport.openConnections()).isEqualTo(1);
        transport.close();
        assertThat(transport.openConnections()).isZero();
    }

    @Test
    void anIpv6LiteralKeepsItsBracketsInTheHostHeader() throws Exception {
        java.net.InetAddress ipv6;
        try {
            ipv6 = java.net.InetAddress.getByName("::1");
            new ServerSocket(0, 1, ipv6).close();
        } catch (IOException noIpv6) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + noIpv6);
            return;
        }
        server = ScriptedServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ipv6);
        URI uri = URI.create("http://[::1]:" + server.port() + "/v6");

        transport.exchange(HttpRequest.newBuilder(uri).GET().build(), deadline(), deadline(), new Body());

        assertThat(server.heads())
                .singleElement()
                .asString()
                .startsWith("GET /v6 HTTP/1.1\r\nHost: [::1]:" + server.port() + "\r\n");
    }

    @Test
    void aChunkedBodyIsJoinedAndItsExtensionsAndTrailersAreSkipped() throws Exception {
        server = ScriptedServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\nWiki\r\n5\r\npedia\r\n0\r\nExpires: never\r\n\r\n");

        Body body = new Body();
        transport.exchange(get("/"), deadline(), deadline(), body);
        Body again = new Body();
        transport.exchange(get("/"), deadline(), deadline(), again);

        assertThat(body.text()).isEqualTo("Wikipedia");
        assertThat(again.text()).isEqualTo("Wikipedia");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void interimResponsesAreSkippedAndTheFinalOneIsRead() throws Exception {
        server = ScriptedServer.answering(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                        + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");

        Body body = new Body();
        Http1Transport.Response response =
                transport.exchange(post("/orders", "{\"n\":1}"), deadline(), deadline(), body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(body.headers.firstValue("Link")).isEmpty();
        assertThat(body.text()).isEqualTo("{}");
        assertThat(server.heads())
                .singleElement()
                .asString()
                .startsWith("POST /orders HTTP/1.1\r\n")
                .contains("Content-Length: 7\r\n");
        assertThat(server.bodies()).containsExactly("{\"n\":1}");
    }

    @Test
    void aHeadResponseHasNoBodyWhateverItsLengthSays() throws Exception {
        server = ScriptedServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
        HttpRequest head = HttpRequest.newBuilder(server.uri("/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();

        for (int i = 0; i < 2; i++) {
            Body body = new Body();
            assertThat(transport
                            .exchange(head, deadline(), deadline(), body)
                            .headers()
                            .firstValue("Content-Length"))
                    .contains("10");
            assertThat(body.text()).isEmpty();
        }
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aBodyThatEndsWithTheConnectionIsReadWholeAndTheConnectionIsNotReused() throws Exception {
        server = ScriptedServer.answeringThenClosing("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end");

        Body first = new Body();
        transport.exchange(get("/"), deadline(), deadline(), first);
        Body second = new Body();
        transport.exchange(get("/"), deadline(), deadline(), second);

        assertThat(first.text()).isEqualTo("to the end");
        assertThat(second.text()).isEqualTo("to the end");
        assertThat(server.connections()).isEqualTo(2);
        assertThat(transport.openConnections()).isZero();
    }

    @Test
    void anIdleConnectionTheServerClosedIsNotWrittenTo() throws Exception {
        // Answers as kept alive, then closes the idle connection, as a server's keep-alive timeout does.
        server = ScriptedServer.answeringThenClosing("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        transport.exchange(get("/"), deadline(), deadline(), new Body());
        server.awaitClosed(1);
        Body body = new Body();
        transport.exchange(get("/"), deadline(), deadline(), body);

        assertThat(body.text()).isEqualTo("ok");
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.heads())
                .as("requests the server read, one per connection")
                .hasSize(2);
    }

    @Test
    void anHttp10AnswerWithoutKeepAliveClosesItsConnection() throws Exception {
        server = ScriptedServer.answering("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");

        transport.exchange(get("/"), deadline(), deadline(), new Body());
        transport.exchange(get("/"), deadline(), deadline(), new Body());

        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void noAnswerBeforeTheDeadlineIsAHeadersTimeout() throws Exception {
        server = ScriptedServer.answering(null);
        long start = System.nanoTime();

        assertThatThrownBy(() -> transport.exchange(get("/"), deadline(), start + SECOND / 5, new Body()))
                .isInstanceOf(Http1Transport.HeadersTimeoutException.class);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(190L, 1500L);
        assertThat(transport.openConnections()).isZero();
    }

    @Test
    void aTimeoutNeverEndsTheExchangeBeforeItsDeadline() throws Exception {
        server = ScriptedServer.answering(null);
        List<Long> early = new ArrayList<>();

        // Deadlines just short of a whole millisecond: a socket timeout cut to whole milliseconds ends them early.
        for (int i = 0; i < 8; i++) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20 + i) + 900_000;
            assertThatThrownBy(() -> transport.exchange(get("/"), deadline(), deadline, new Body()))
                    .isInstanceOf(Http1Transport.HeadersTimeoutException.class);
            long endedAt = System.nanoTime();
            if (endedAt < deadline) {
                early.add(deadline - endedAt);
            }
        }

        assertThat(early)
                .as("nanoseconds before the deadline at which a timeout ended the exchange")
                .isEmpty();
    }

    @Test
    void aBodyStillComingAtTheDeadlineIsABodyTimeout() throws Exception {
        server = ScriptedServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this much");
        long start = System.nanoTime();
        Body body = new Body();

        assertThatThrownBy(() -> transport.exchange(get("/"), deadline(), start + SECOND / 5, body))
                .isInstanceOf(Http1Transport.BodyTimeoutException.class);

        assertThat(body.text()).isEqualTo("only this much");
        assertThat(transport.openConnections()).isZero();
    }

    @Test
    void anInterruptEndsAReadAtOnceAndClosesTheConnection() throws Exception {
        server = ScriptedServer.answering(null);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                transport.exchange(get("/"), deadline(), System.nanoTime() + 30 * SECOND, new Body());
            } catch (Throwable thrown) {
                failure.set(thrown);
            }
        });
        worker.start();
        server.awaitHeads(1);
        long interruptedAt = System.nanoTime();
        worker.interrupt();
        worker.join(5000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt))
                .isLessThan(1000);
        assertThat(failure.get()).isInstanceOf(ClosedByInterruptException.class);
        assertThat(transport.openConnections()).isZero();
    }

    @Test
    void aLargeRequestToAServerThatStopsReadingEndsAtTheDeadline() throws Exception {
        try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    Socket held = deaf.accept();
                    Thread.sleep(30_000);
                    held.close();
                } catch (IOException | InterruptedException ended) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            HttpRequest upload = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + deaf.getLocalPort() + "/upload"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[32 << 20]))
                    .build();
            long start = System.nanoTime();

            assertThatThrownBy(() -> transport.exchange(upload, deadline(), start + SECOND / 2, new Body()))
                    .isInstanceOf(Http1Transport.HeadersTimeoutException.class)
                    .hasMessage("request timed out while the request was written");

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
            assertThat(transport.openConnections()).isZero();
            acceptor.interrupt();
        }
    }

    @Test
    void aSwitchedProtocolsAnswerIsNeverFollowedByAnotherRequestOnItsConnection() throws Exception {
        server = ScriptedServer.answering(
                "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\n");

        assertThat(transport
                        .exchange(get("/"), deadline(), deadline(), new Body())
                        .status())
                .isEqualTo(101);
        transport.exchange(get("/"), deadline(), deadline(), new Body());

        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aMalformedContentLengthIsABrokenResponseNotABodyReadToTheEnd() throws Exception {
        server = ScriptedServer.answering("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nbody");

        assertThatThrownBy(() -> transport.exchange(get("/"), deadline(), deadline(), new Body()))
                .isInstanceOf(IOException.class)
                .hasMessage("malformed Content-Length: [-5]");
        assertThat(transport.openConnections()).isZero();
    }

    @Test
    void aPortOutOfRangeIsAConnectionFailureCountedBeforeAnythingIsWritten() {
        Body body = new Body();

        assertThatThrownBy(() -> transport.exchange(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:70000/"))
                                .GET()
                                .build(),
                        deadline(),
                        deadline(),
                        body))
                .isInstanceOf(java.net.ConnectException.class);
        assertThat(body.written).isFalse();
    }

    @Test
    void aConnectionClosedBeforeAnyResponseByteIsNotResent() throws Exception {
        server = ScriptedServer.closingAfterTheHead();

        assertThatThrownBy(() -> transport.exchange(get("/"), deadline(), deadline(), new Body()))
                .isInstanceOf(java.io.EOFException.class)
                .hasMessage("connection closed before any response byte");

        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.heads()).hasSize(1);
    }

    private long deadline() {
        return System.nanoTime() + 5 * SECOND;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.uri(path)).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(server.uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects a response's headers and body. */
    private static final class Body implements Http1Transport.Receiver {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HttpHeaders headers;
        boolean written;

        @Override
        public void writing() {
            written = true;
        }

        @Override
        public void headers(int status, HttpHeaders headers) {
            this.headers = headers;
        }

        @Override
        public void body(byte[] chunk, int offset, int length) {
            bytes.write(chunk, offset, length);
        }

        String text() {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * A loopback server that reads each request head (and a body its Content-Length announces) and
     * writes one scripted answer: kept alive, or followed by closing the connection.
     */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket listening;
        private final String answer;
        private final boolean closeAfterAnswer;
        private final List<String> heads = new CopyOnWriteArrayList<>();
        private final List<String> bodies = new CopyOnWriteArrayList<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicInteger closed = new AtomicInteger();

        private ScriptedServer(String answer, boolean closeAfterAnswer) throws IOException {
            this(answer, closeAfterAnswer, InetAddress.getLoopbackAddress());
        }

        private ScriptedServer(String answer, boolean closeAfterAnswer, InetAddress address) throws IOException {
            this.answer = answer;
            this.closeAfterAnswer = closeAfterAnswer;
            this.listening = new ServerSocket(0, 50, address);
            Thread acceptor = new Thread(this::accept, "scripted-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** Answers every request so, keeping the connection; no answer at all when null. */
        static ScriptedServer answering(String answer) throws IOException {
            return new ScriptedServer(answer, false);
        }

        static ScriptedServer answering(String answer, InetAddress address) throws IOException {
            return new ScriptedServer(answer, false, address);
        }

        static ScriptedServer answeringThenClosing(String answer) throws IOException {
            return new ScriptedServer(answer, true);
        }

        static ScriptedServer closingAfterTheHead() throws IOException {
            return new ScriptedServer("", true);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port() + path);
        }

        int port() {
            return listening.getLocalPort();
        }

        int connections() {
            return sockets.size();
        }

        List<String> heads() {
            return heads;
        }

        List<String> bodies() {
            return bodies;
        }

        void awaitHeads(int count) throws InterruptedException {
            long end = System.nanoTime() + 5 * SECOND;
            while (heads.size() < count && System.nanoTime() < end) {
                Thread.sleep(5);
            }
        }

        void awaitClosed(int count) throws InterruptedException {
            long end = System.nanoTime() + 5 * SECOND;
            while (closed.get() < count && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            Thread.sleep(20); // the FIN reaches the client's socket
        }

        private void accept() {
            while (!listening.isClosed()) {
                try {
                    Socket socket = listening.accept();
                    sockets.add(socket);
                    Thread serving = new Thread(() -> serve(socket), "scripted-connection");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closing) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket;
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream()) {
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    heads.add(head);
                    int length = head.lines()
                            .filter(line -> line.startsWith("Content-Length: "))
                            .mapToInt(
                                    line -> Integer.parseInt(line.substring(16).strip()))
                            .findFirst()
                            .orElse(0);
                    if (length > 0) {
                        bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                    }
                    if (answer == null) {
                        Thread.sleep(60_000);
                        return;
                    }
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (closeAfterAnswer) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException ended) {
                // the client or the test closed it
            } finally {
                closed.incrementAndGet();
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            for (int next = in.read(); next >= 0; next = in.read()) {
                head.write(next);
                matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
                if (matched == 4) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            listening.close();
            List<Socket> open = new ArrayList<>(sockets);
            for (Socket socket : open) {
                socket.close();
            }
        }
    }
}
