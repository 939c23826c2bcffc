package io.github.junitloadtest.factory;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;

/**
 * The factory public API as an embedded WireMock server on a free loopback port. Stubs and data are
 * the mapping and body files under {@code src/test/resources/wiremock}; every response has a
 * log-normal delay of a few to tens of milliseconds. The request journal is off, so memory stays
 * flat however long a run lasts.
 */
public final class FactoryStub implements AutoCloseable {

    private final WireMockServer server;

    private FactoryStub() {
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderClasspath("wiremock")
                .disableRequestJournal()
                .containerThreads(64)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(16)
                .extensions(new BuildSpecsPager()));
        server.start();
    }

    /** Starts the stub. */
    public static FactoryStub start() {
        return new FactoryStub();
    }

    /** For example {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The server, for tests that inject faults. */
    public WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }
}
