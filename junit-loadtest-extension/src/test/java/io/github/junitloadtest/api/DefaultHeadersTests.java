package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Headers every request of a load test carries, from annotations, configuration and code. */
class DefaultHeadersTests {

    private static final String TOKEN = "tok-4f9a1c77e2";

    @TempDir
    Path reports;

    private LoadTestResult resultOf(Class<?> fixture, String method) {
        return JsonReportWriter.read(
                reports.resolve("DefaultHeadersTests." + fixture.getSimpleName() + "." + method + ".json"));
    }

    @Test
    void theMethodsHeaderWinsOverTheClassesAndTheSettingOverBothOnEveryRequest() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(
                    AnnotatedTestCase.class,
                    server.baseUrl(),
                    reports,
                    Map.of(LoadTest.HEADERS_PROPERTY_NAME, "X-Trace: from-setting | accept: text/plain"));

            LoadTestResult result = resultOf(AnnotatedTestCase.class, "annotated");
            assertThat(result.passed()).as("%s", result.thresholds()).isTrue();
            // Four iterations of a GET and a POST: each of the eight requests carries every default once.
            assertThat(server.seen()).hasSize(8).allSatisfy(seen -> {
                assertThat(seen.values("X-Tenant")).containsExactly("from-method");
                assertThat(seen.values("Accept")).containsExactly("text/plain");
                assertThat(seen.values("X-Trace")).containsExactly("from-setting");
                assertThat(seen.values("X-Region")).containsExactly("from-class");
            });
        }
    }

    @Test
    void aHeaderSetInBeforeEachGoesWithEveryRequestWhereTheRequestsOwnWinsAndItsValueIsInNoOutput() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(LoggedInTestCase.class, server.baseUrl(), reports);

            LoadTestResult result = resultOf(LoggedInTestCase.class, "loggedIn");
            assertThat(result.passed()).as("%s", result.thresholds()).isTrue();
            assertThat(server.seen()).hasSize(12);
            assertThat(server.seen())
                    .allSatisfy(seen -> assertThat(seen.values("Authorization"))
                            .containsExactly(seen.target().equals("/own") ? "Bearer its-own" : "Bearer " + TOKEN));
            assertThat(server.seen()).extracting(LoopbackServer.Seen::target).containsOnly("/get", "/own", "/prebuilt");
            assertThat(filesUnder(reports))
                    .isNotEmpty()
                    .allSatisfy(file -> assertThat(text(file)).as("%s", file).doesNotContain(TOKEN));
        }
    }

    @Test
    void aRequestFromBeforeEachIsRefusedWithWhatToDoInstead() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(RequestInBeforeEachTestCase.class, server.baseUrl(), reports);

            assertThat(Engine.failureMessages(results))
                    .singleElement()
                    .asString()
                    .startsWith("LoadHttp was used outside an iteration (GET /token): requests go from the test"
                            + " method's body")
                    .contains("set what every request needs there with defaultHeader(name, value)");
            assertThat(server.requests()).isZero();
        }
    }

    @Test
    void headersThatCannotBeSentAreConfigurationErrorsBeforeAnyRequest() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(
                    BadHeadersTestCase.class,
                    server.baseUrl(),
                    reports,
                    Map.of(LoadTest.HEADERS_PROPERTY_NAME, "no colon here"));

            assertThat(Engine.failureMessages(results))
                    .singleElement()
                    .asString()
                    .contains("@LoadHeader on method [BadHeadersTestCase.bad(LoadHttp)] names a"
                            + " header [\"X Tenant\"] that is not an HTTP token")
                    .contains("names a header [\"Host\"] that is one the transport sets itself")
                    .contains("gives header X-Key the environment variable [\"LOADTEST_TEST_SURELY_UNSET_17\"],"
                            + " which is not set")
                    .contains("Configuration parameter 'loadtest.headers' must give headers as Name: value, apart by"
                            + " | or a new line, but [\"no colon here\"] has no name before a ':'; for example"
                            + " \"Authorization: Bearer ${env:API_TOKEN} | X-Tenant: acme\".");
            assertThat(server.requests()).isZero();
        }
    }

    @Test
    void aHeaderSetInCodeThatCannotBeSentFailsTheTestSayingWhy() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(BadCodeHeaderTestCase.class, server.baseUrl(), reports);

            assertThat(Engine.failureMessages(results))
                    .singleElement()
                    .asString()
                    .isEqualTo("default header [\"Content-Length\"] is one the transport sets itself; for example"
                            + " defaultHeader(\"Authorization\", \"Bearer \" + token)");
            assertThat(server.requests()).isZero();
        }
    }

    private static List<Path> filesUnder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LoadHeader(name = "X-Tenant", value = "from-class")
    @LoadHeader(name = "X-Region", value = "from-class")
    @LoadHeader(name = "Accept", value = "application/json")
    static class AnnotatedTestCase {
        @LoadTest(rps = 8, duration = "500ms")
        @LoadHeader(name = "x-tenant", value = "from-method")
        @ErrorRateBelow(0)
        void annotated(LoadHttp http) {
            http.get("/get").expectStatus(200);
            http.post("/post").body("x").send().expectStatus(200);
        }
    }

    static class LoggedInTestCase {
        @BeforeEach
        void logIn(LoadHttp http) {
            http.defaultHeader("Authorization", "Bearer " + TOKEN);
        }

        @LoadTest(rps = 8, duration = "500ms")
        @ErrorRateBelow(0)
        void loggedIn(LoadHttp http) {
            http.get("/get").expectStatus(200);
            http.post("/own").header("authorization", "Bearer its-own").send().expectStatus(200);
            http.send(HttpRequest.newBuilder(http.uri("/prebuilt")).build()).expectStatus(200);
        }
    }

    static class RequestInBeforeEachTestCase {
        @BeforeEach
        void logIn(LoadHttp http) {
            http.get("/token");
        }

        @LoadTest(rps = 8, duration = "500ms")
        void loggedIn(LoadHttp http) {
            http.get("/get");
        }
    }

    static class BadHeadersTestCase {
        @LoadTest(rps = 8, duration = "500ms")
        @LoadHeader(name = "X Tenant", value = "a")
        @LoadHeader(name = "Host", value = "example.com")
        @LoadHeader(name = "X-Key", value = "${env:LOADTEST_TEST_SURELY_UNSET_17}")
        void bad(LoadHttp http) {
            http.get("/get");
        }
    }

    static class BadCodeHeaderTestCase {
        @BeforeEach
        void logIn(LoadHttp http) {
            http.defaultHeader("Content-Length", "12");
        }

        @LoadTest(rps = 8, duration = "500ms")
        void loggedIn(LoadHttp http) {
            http.get("/get");
        }
    }
}
