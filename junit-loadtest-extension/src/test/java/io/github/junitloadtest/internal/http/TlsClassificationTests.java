package io.github.junitloadtest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.record.OutcomeClassifier;
import io.github.junitloadtest.support.SelfSignedServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK client's real TLS failures, classified: a certificate nobody trusts, and a trusted
 * certificate for another host (WireMock's names no host at all).
 */
class TlsClassificationTests {

    private SelfSignedServer server;

    @BeforeEach
    void startServer() {
        server = SelfSignedServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private IOException failureOf(HttpClient client) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/api"))
                .build();
        return catchThrowableOfType(
                IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void anUntrustedCertificate() {
        IOException failure = failureOf(HttpClient.newHttpClient());

        assertThat(OutcomeClassifier.classifyExchangeFailure(failure)).isEqualTo(Outcome.TLS_UNTRUSTED);
    }

    @Test
    void aTrustedCertificateForAnotherHost() throws Exception {
        KeyStore trusted = KeyStore.getInstance("JKS");
        try (InputStream keystore = WireMockServer.class.getResourceAsStream("/keystore")) {
            trusted.load(keystore, "password".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);

        IOException failure =
                failureOf(HttpClient.newBuilder().sslContext(context).build());

        assertThat(OutcomeClassifier.classifyExchangeFailure(failure)).isEqualTo(Outcome.TLS_HOSTNAME);
    }

    @Test
    void theOptOutAcceptsBothAndStillSpeaksTls() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(TrustingEveryCertificate.context())
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/api"))
                .build();

        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("{}");
    }
}
