package io.github.junitloadtest.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * WireMock over HTTPS only, on loopback, with its bundled self-signed certificate (which names no
 * host), answering {@code GET /api} with {@code {}}; request journal off.
 */
public final class SelfSignedServer implements AutoCloseable {

    private final WireMockServer server;

    private SelfSignedServer() {
        server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .disableRequestJournal());
        server.start();
        server.stubFor(get("/api").willReturn(okJson("{}")));
    }

    /** Starts a server. */
    public static SelfSignedServer start() {
        return new SelfSignedServer();
    }

    /** Its port, for a URL by IP or by name. */
    public int port() {
        return server.httpsPort();
    }

    @Override
    public void close() {
        server.stop();
    }
}
