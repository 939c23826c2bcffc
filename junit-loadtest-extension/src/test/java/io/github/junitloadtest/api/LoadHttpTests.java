package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/** The injected client as a load test uses it, against a loopback server. */
class LoadHttpTests {

    @TempDir
    Path reports;

    private LoadTestResult resultOf(Class<?> fixture, String method) {
        return JsonReportWriter.read(
                reports.resolve("LoadHttpTests." + fixture.getSimpleName() + "." + method + ".json"));
    }

    @Test
    void aStatusAcceptedByExpectStatusCountsAsSuccessAndOneNotCheckedFails() {
        try (LoopbackServer server = LoopbackServer.start().route("/missing", 404, "{\"error\":\"not found\"}")) {
            EngineExecutionResults results = Engine.run(NotFoundTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(1, event(test("accepted"), finishedSuccessfully()))
                    .haveExactly(
                            1,
                            event(
                                    test("unchecked"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(
                                                    "error rate 100 % exceeded 1 % (5 of 5 iterations failed: 5 HTTP_4XX;"
                                                            + " 10 req/s for 0.5 s)"))));
            assertThat(resultOf(NotFoundTestCase.class, "accepted").outcomes()).containsEntry(Outcome.SUCCESS, 5L);
            assertThat(resultOf(NotFoundTestCase.class, "unchecked").errors())
                    .singleElement()
                    .isEqualTo(new ErrorSample(Outcome.HTTP_4XX, "GET /missing returned status 404", 5));
        }
    }

    @Test
    void everyVerbSendsItsBodyHeadersAndQueryOnceAndIsRecordedUnderItsName() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(VerbsTestCase.class, server.baseUrl(), reports);

            LoadTestResult result = resultOf(VerbsTestCase.class, "verbs");
            assertThat(result.passed()).as("%s", result.thresholds()).isTrue();
            List<org.assertj.core.groups.Tuple> oneIteration = List.of(
                    tuple("POST", "/orders", "application/json", "", "{\"sku\":\"a-1\",\"quantity\":2}"),
                    tuple("PUT", "/orders/o%201", "text/plain; charset=UTF-8", "trace", "replace"),
                    tuple("PATCH", "/orders/o1", "application/x-thing", "", "\u0001\u0002\u0003"),
                    tuple("DELETE", "/orders/o1?reason=a%20b%26c&force=true", "", "", ""),
                    tuple("HEAD", "/orders?page=2", "", "", ""));
            // Four iterations, each of the five requests exactly once; iterations may overlap, so in any order.
            List<org.assertj.core.groups.Tuple> fourIterations = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fourIterations.addAll(oneIteration);
            }
            assertThat(server.seen())
                    .extracting(
                            LoopbackServer.Seen::method,
                            LoopbackServer.Seen::target,
                            LoopbackServer.Seen::contentType,
                            LoopbackServer.Seen::header,
                            LoopbackServer.Seen::text)
                    .containsExactlyInAnyOrderElementsOf(fourIterations);
            assertThat(result.endpoints())
                    .extracting(EndpointResult::name, EndpointResult::requests, EndpointResult::status2xx)
                    .containsExactlyInAnyOrder(
                            tuple("POST /orders", 4L, 4L),
                            tuple("PUT /orders/{id}", 4L, 4L),
                            tuple("PATCH /orders/{id}", 4L, 4L),
                            tuple("cancel", 4L, 4L),
                            tuple("HEAD /orders", 4L, 4L));
            assertThat(result.counts().requestsSent()).isEqualTo(20);
        }
    }

    @Test
    void checksClassifyTheirFailures() {
        try (LoopbackServer server =
                LoopbackServer.start().route("/text", 200, "plain words").route("/broken", 503, "{}")) {
            Engine.run(ChecksTestCase.class, server.baseUrl(), reports);

            assertThat(resultOf(ChecksTestCase.class, "notJson").errors())
                    .singleElement()
                    .satisfies(error -> {
                        assertThat(error.outcome()).isEqualTo(Outcome.CHECK_FAILED);
                        assertThat(error.message())
                                .startsWith("GET /text returned a body that is not valid JSON (")
                                .endsWith("): [plain words]");
                    });
            assertThat(resultOf(ChecksTestCase.class, "wrongStatus").errors())
                    .singleElement()
                    .isEqualTo(new ErrorSample(Outcome.HTTP_5XX, "GET /broken returned status 503, expected 200", 5));
            assertThat(resultOf(ChecksTestCase.class, "bodyPredicate").errors())
                    .singleElement()
                    .isEqualTo(new ErrorSample(
                            Outcome.CHECK_FAILED,
                            "GET /text failed check [mentions templates] on body [plain words]",
                            5));
            assertThat(resultOf(ChecksTestCase.class, "jsonPredicate").outcomes())
                    .containsEntry(Outcome.SUCCESS, 5L);
        }
    }

    @Test
    void pathTemplatesAreEncodedAndNameTheEndpoint() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(TemplateTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));

            assertThat(server.seenPaths()).containsOnly("/api/templates/hono%20rest%2Fapi?limit=5");
            assertThat(resultOf(TemplateTestCase.class, "template").endpoints())
                    .singleElement()
                    .satisfies(endpoint -> assertThat(endpoint.name()).isEqualTo("GET /api/templates/{slug}"));
        }
    }

    @Test
    void aPrebuiltRequestIsSentAndNamed() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(PrebuiltTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));

            assertThat(resultOf(PrebuiltTestCase.class, "prebuilt").endpoints())
                    .extracting(EndpointResult::name, EndpointResult::status2xx)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("POST /orders", 5L),
                            org.assertj.core.groups.Tuple.tuple("create order", 5L));
        }
    }

    @Test
    void aTimeoutIsAnErrorAndStaysInTheLatencyFigures() {
        try (LoopbackServer server = LoopbackServer.start().delayMillis(1000)) {
            EngineExecutionResults results = Engine.run(TimeoutTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("timesOut"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(
                                                    m -> m.startsWith(
                                                            "error rate 100 % exceeded 0 % (5 of 5 iterations failed: 5 TIMEOUT;")))));
            LoadTestResult result = resultOf(TimeoutTestCase.class, "timesOut");
            assertThat(result.corrected().count()).isEqualTo(5);
            assertThat(result.corrected().p50Millis()).isGreaterThanOrEqualTo(200.0);
            assertThat(result.errors())
                    .singleElement()
                    .isEqualTo(new ErrorSample(
                            Outcome.TIMEOUT, "GET /slow timed out after 200 ms, before the response headers", 5));
            assertThat(result.endpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.timeouts()).isEqualTo(5);
                assertThat(endpoint.corrected().p50Millis()).isGreaterThanOrEqualTo(200.0);
            });
        }
    }

    @Test
    void aBaseUrlWhosePortAcceptsNoConnectionFailsAtOnceNamingHostAndPort() {
        LoopbackServer closed = LoopbackServer.start();
        String baseUrl = closed.baseUrl();
        closed.close();
        String hostAndPort = baseUrl.substring("http://".length());

        EngineExecutionResults results = Engine.run(RefusedTestCase.class, baseUrl, reports);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("refused"),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message(m -> m.contains("has the base URL [\"" + baseUrl
                                                        + "\"], but nothing accepted a connection at " + hostAndPort
                                                        + " within ")
                                                && m.contains("nothing was sent")))));
        assertThat(reports.resolve("LoadHttpTests.RefusedTestCase.refused.json"))
                .doesNotExist();
    }

    @Test
    void aResponseWhoseSizeDiffersFromTheFirstFailsTheConsistencyCheck() {
        try (LoopbackServer server = LoopbackServer.start().body("{\"slug\":\"hono-rest-api\"}")) {
            SizeTestCase.server = server;
            Engine.run(SizeTestCase.class, server.baseUrl(), reports);

            LoadTestResult result = resultOf(SizeTestCase.class, "consistentSize");
            assertThat(result.outcomes()).containsEntry(Outcome.SUCCESS, 3L).containsEntry(Outcome.CHECK_FAILED, 2L);
            assertThat(result.errors())
                    .singleElement()
                    .satisfies(error -> assertThat(error.message())
                            .isEqualTo(
                                    "GET /api/templates/hono-rest-api returned 11 bytes where the first response to GET "
                                            + server.baseUrl() + "/api/templates/hono-rest-api had 24"));
        } finally {
            SizeTestCase.server = null;
        }
    }

    static class SizeTestCase {
        static LoopbackServer server;
        private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        @LoadTest(rps = 10, duration = "500ms", maxInFlight = 1)
        void consistentSize(LoadHttp http) {
            if (calls.incrementAndGet() == 4) {
                server.body("{\"short\":1}");
            }
            http.get("/api/templates/hono-rest-api").expectStatus(200).expectConsistentSize();
        }
    }

    static class NotFoundTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        @ErrorRateBelow(1)
        void accepted(LoadHttp http) {
            http.get("/missing").expectStatus(200, 404);
        }

        @LoadTest(rps = 10, duration = "500ms")
        @ErrorRateBelow(1)
        void unchecked(LoadHttp http) {
            http.get("/missing");
        }
    }

    static class ChecksTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        void notJson(LoadHttp http) {
            http.get("/text").expectJson();
        }

        @LoadTest(rps = 10, duration = "500ms")
        void wrongStatus(LoadHttp http) {
            http.get("/broken").expectStatus(200);
        }

        @LoadTest(rps = 10, duration = "500ms")
        void bodyPredicate(LoadHttp http) {
            http.get("/text").expectBody("mentions templates", body -> body.contains("templates"));
        }

        @LoadTest(rps = 10, duration = "500ms")
        void jsonPredicate(LoadHttp http) {
            http.get("/json").expectJson("is ok", json -> json.get("ok").asBoolean());
        }
    }

    static class TemplateTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        void template(LoadHttp http) {
            http.get("/api/templates/{slug}?limit={limit}", "hono rest/api", 5).expectStatus(200);
        }
    }

    static class PrebuiltTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        void prebuilt(LoadHttp http) {
            HttpRequest post = HttpRequest.newBuilder(http.uri("/orders"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            http.send(post).expectStatus(200);
            http.send("create order", post).expectStatus(200);
        }
    }

    static class TimeoutTestCase {
        @LoadTest(rps = 10, duration = "500ms", timeout = "200ms")
        @ErrorRateBelow(0)
        void timesOut(LoadHttp http) {
            http.get("/slow");
        }
    }

    static class RefusedTestCase {
        @LoadTest(rps = 10, duration = "500ms", timeout = "2s")
        @P95Below(500)
        void refused(LoadHttp http) {
            http.get("/nothing-listens");
        }
    }

    static class VerbsTestCase {
        record Order(String sku, int quantity) {}

        @LoadTest(rps = 8, duration = "500ms")
        @ErrorRateBelow(0)
        void verbs(LoadHttp http) {
            http.post("/orders").json(new Order("a-1", 2)).send().expectStatus(200);
            http.put("/orders/{id}", "o 1")
                    .body("replace")
                    .header("X-Test", "trace")
                    .send();
            http.patch("/orders/{id}", "o1")
                    .body(new byte[] {1, 2, 3})
                    .header("Content-Type", "application/x-thing")
                    .send();
            http.delete("/orders/{id}?reason={reason}", "o1", "a b&c")
                    .query("force", true)
                    .named("cancel")
                    .send();
            http.head("/orders").query("page", 2).send().expectStatus(200);
        }
    }
}
