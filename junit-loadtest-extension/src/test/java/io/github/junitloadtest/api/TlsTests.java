package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.SelfSignedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLS target with WireMock's self-signed certificate: refused by default, reached only on explicit opt-out. */
class TlsTests {

    @TempDir
    Path reports;

    private SelfSignedServer server;

    @BeforeEach
    void startServer() {
        server = SelfSignedServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String baseUrl() {
        return "https://127.0.0.1:" + server.port();
    }

    private LoadTestResult result() {
        return JsonReportWriter.read(reports.resolve("TlsTests.TlsTestCase.secure.json"));
    }

    @Test
    void aSelfSignedCertificateIsNotTrustedByDefault() {
        Engine.run(TlsTestCase.class, baseUrl(), reports)
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("secure"),
                                finishedWithFailure(
                                        message(m -> m.contains("5 of 5 iterations failed: 5 TLS_UNTRUSTED;")))));

        LoadTestResult result = result();
        assertThat(result.corrected().count()).isZero();
        assertThat(result.errors())
                .singleElement()
                .satisfies(error ->
                        assertThat(error.message()).startsWith("GET /api failed: TLS certificate not trusted, "));
        assertThat(result.notes()).noneSatisfy(note -> assertThat(note).contains("TLS certificates were not verified"));
    }

    @Test
    void turningVerificationOffReachesTheTargetAndEveryReportSaysSo() throws Exception {
        Engine.run(TlsTestCase.class, baseUrl(), reports, Map.of(LoadTest.INSECURE_TLS_PROPERTY_NAME, "true"))
                .testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test("secure"), finishedSuccessfully()));

        String warning = "TLS certificates were not verified (loadtest.insecureSkipTlsVerify=true)";
        assertThat(result().outcomes()).containsEntry(Outcome.SUCCESS, 5L);
        assertThat(result().notes()).anySatisfy(note -> assertThat(note).contains(warning));
        for (String extension : new String[] {".md", ".html"}) {
            assertThat(Files.readString(reports.resolve("TlsTests.TlsTestCase.secure" + extension)))
                    .contains(warning);
        }
    }

    static class TlsTestCase {
        @LoadTest(rps = 10, duration = "500ms", timeout = "2s")
        @ErrorRateBelow(0)
        void secure(LoadHttp http) {
            http.get("/api").expectStatus(200);
        }
    }
}
