package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.FaultServer;
import io.github.junitloadtest.support.FaultServer.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/**
 * Targets that misbehave on purpose: every request ends once, in its own class, within its deadline,
 * and the run's accounting holds.
 */
class TargetFaultsTests {

    @TempDir
    Path reports;

    private LoadTestResult resultOf(String method) {
        return JsonReportWriter.read(reports.resolve("TargetFaultsTests.FaultTestCase." + method + ".json"));
    }

    private EngineExecutionResults run(String method, String baseUrl) {
        return run(method, baseUrl, Map.of());
    }

    private EngineExecutionResults run(String method, String baseUrl, Map<String, String> configuration) {
        return Engine.runMethod(FaultTestCase.class, method, baseUrl, reports, configuration);
    }

    /**
     * Every scheduled arrival ended as exactly one recorded iteration, measured or warm-up: none lost,
     * none counted twice, none left running. ({@code sent + dropped = scheduled} and the outcomes'
     * sum are how those figures are defined, so they are not checked here.)
     */
    private static void assertAccountingHolds(LoadTestResult result) {
        LoadTestResult.Counts counts = result.counts();
        assertThat(counts.measured() + counts.warmup()).isEqualTo(counts.scheduled());
    }

    @Test
    void aServerThatNeverAnswersTimesOutBeforeTheHeadersAndKeepsTheTimeoutAsLatency() {
        try (FaultServer server = FaultServer.start(Fault.NEVER_ANSWER)) {
            long start = System.nanoTime();
            run("plain", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("plain"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(
                                                    m -> m.startsWith(
                                                            "error rate 100 % exceeded 0 % (5 of 5 iterations failed: 5 TIMEOUT;")))));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

            LoadTestResult result = resultOf("plain");
            assertAccountingHolds(result);
            assertThat(result.errors())
                    .singleElement()
                    .isEqualTo(new ErrorSample(
                            Outcome.TIMEOUT, "GET /api timed out after 300 ms, before the response headers", 5));
            assertThat(result.corrected().p50Millis()).isGreaterThanOrEqualTo(300.0);
            assertThat(server.requests()).isEqualTo(5);
        }
    }

    @Test
    void aBodyThatStallsTimesOutAtTheRequestDeadlineNotAtTheEndOfTheRun() {
        try (FaultServer server = FaultServer.start(Fault.STALL_MID_BODY)) {
            run("plain", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("plain"),
                                    finishedWithFailure(
                                            message(m -> m.contains("5 of 5 iterations failed: 5 BODY_TIMEOUT;")))));

            LoadTestResult result = resultOf("plain");
            assertAccountingHolds(result);
            assertThat(result.errors())
                    .singleElement()
                    .isEqualTo(new ErrorSample(
                            Outcome.BODY_TIMEOUT, "GET /api timed out after 300 ms, during the body", 5));
            // Cut at the 300 ms deadline (checked every 10 ms), not at the drain limit that ends the run.
            assertThat(result.serviceTime().maxMillis())
                    .isGreaterThanOrEqualTo(300.0)
                    .isLessThan(1000.0);
            assertThat(result.endpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.timeouts()).isEqualTo(5);
                assertThat(endpoint.timeToHeaders().maxMillis()).isLessThan(300.0);
            });
        }
    }

    @Test
    void anEndlessBodyIsCutAtTheDeadlineWithoutKeepingItInMemory() {
        try (FaultServer server = FaultServer.start(Fault.ENDLESS_BODY)) {
            run("plain", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("plain"),
                                    finishedWithFailure(
                                            message(m -> m.contains("5 of 5 iterations failed: 5 BODY_TIMEOUT;")))));

            LoadTestResult result = resultOf("plain");
            assertAccountingHolds(result);
            assertThat(result.errors())
                    .singleElement()
                    .isEqualTo(new ErrorSample(
                            Outcome.BODY_TIMEOUT, "GET /api timed out after 300 ms, during the body", 5));
            assertThat(result.endpoints())
                    .singleElement()
                    .satisfies(endpoint -> assertThat(endpoint.bytesReceived()).isGreaterThan(5L << 20));
        }
    }

    @Test
    void aBodyLargerThanTheCapIsCountedWholeAndOnlyACheckOfItFails() {
        try (FaultServer server = FaultServer.start(Fault.HUGE_BODY)) {
            EngineExecutionResults results = run("plain", server.baseUrl());
            results.testEvents().assertThatEvents().haveExactly(1, event(test("plain"), finishedSuccessfully()));
            assertThat(resultOf("plain").endpoints())
                    .singleElement()
                    .satisfies(endpoint ->
                            assertThat(endpoint.bytesReceived()).isEqualTo(5L * FaultServer.HUGE_BODY_BYTES));

            run("checksJson", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(test("checksJson"), finishedWithFailure(message(m -> m.contains("5 CHECK_FAILED")))));
            assertThat(resultOf("checksJson").errors())
                    .singleElement()
                    .isEqualTo(new ErrorSample(
                            Outcome.CHECK_FAILED,
                            "GET /api returned a body of 3145728 bytes, more than the 1048576 bytes kept for checks; raise"
                                    + " -Dloadtest.maxBodySize (for example \"4MiB\") to check it",
                            5));

            run("checksJson", server.baseUrl(), Map.of(LoadTest.MAX_BODY_SIZE_PROPERTY_NAME, "4MiB"))
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(test("checksJson"), finishedWithFailure(message(m -> m.contains("5 CHECK_FAILED")))));
            assertThat(resultOf("checksJson").errors())
                    .singleElement()
                    .satisfies(error ->
                            assertThat(error.message()).startsWith("GET /api returned an empty body, expected JSON"));
        }
    }

    @Test
    void aConnectionClosedMidBodyIsAReset() {
        try (FaultServer server = FaultServer.start(Fault.CLOSE_MID_BODY)) {
            run("plain", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("plain"),
                                    finishedWithFailure(
                                            message(m -> m.contains("5 of 5 iterations failed: 5 RESET;")))));

            LoadTestResult result = resultOf("plain");
            assertAccountingHolds(result);
            assertThat(result.corrected().count()).isEqualTo(5);
            assertThat(result.endpoints())
                    .singleElement()
                    .satisfies(endpoint -> assertThat(endpoint.resets()).isEqualTo(5));
            assertThat(server.requests()).isEqualTo(5);
        }
    }

    @Test
    void aResponseThatIsNotHttpIsAReset() {
        try (FaultServer server = FaultServer.start(Fault.GARBAGE)) {
            run("plain", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("plain"),
                                    finishedWithFailure(
                                            message(m -> m.contains("5 of 5 iterations failed: 5 RESET;")))));
            assertAccountingHolds(resultOf("plain"));
        }
    }

    @Test
    void aHostThatAcceptsNoConnectionIsAConnectTimeoutWithItsLatency() {
        try (FaultServer.Backlogged port = FaultServer.backlogged();
                FaultServer server = FaultServer.start(Fault.NONE)) {
            FaultTestCase.unansweredUrl = port.baseUrl() + "/api";
            run("unanswered", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("unanswered"),
                                    finishedWithFailure(
                                            message(m -> m.contains("5 of 5 iterations failed: 5 CONNECT_TIMEOUT;")))));

            LoadTestResult result = resultOf("unanswered");
            assertAccountingHolds(result);
            assertThat(result.errors())
                    .singleElement()
                    .isEqualTo(new ErrorSample(Outcome.CONNECT_TIMEOUT, "GET /api could not connect within 300 ms", 5));
            assertThat(result.corrected().count()).isEqualTo(5);
            assertThat(result.corrected().p50Millis()).isGreaterThanOrEqualTo(300.0);
        }
    }

    @Test
    void aBaseUrlThatAcceptsNoConnectionFailsBeforeTheLoadNamingHostAndPort() {
        try (FaultServer.Backlogged port = FaultServer.backlogged()) {
            run("plain", port.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("plain"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message(m -> m.contains("but nothing accepted a connection at "
                                                    + port.baseUrl().substring("http://".length())
                                                    + " within 300 ms")))));
            assertThat(reports.resolve("TargetFaultsTests.FaultTestCase.plain.json"))
                    .doesNotExist();
        }
    }

    @Test
    void aHostThatCannotBeResolvedIsADnsFailureWithoutLatency() {
        try (FaultServer server = FaultServer.start(Fault.NONE)) {
            run("unresolvable", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("unresolvable"),
                                    finishedWithFailure(message(m -> m.contains("5 of 5 iterations failed: 5 DNS;")))));

            LoadTestResult result = resultOf("unresolvable");
            assertAccountingHolds(result);
            assertThat(result.corrected().count()).isZero();
            assertThat(result.errors())
                    .singleElement()
                    .satisfies(error ->
                            assertThat(error.message()).startsWith("GET /api failed: host name not resolved, "));
        }
    }

    @Test
    void aBaseUrlWhoseHostCannotBeResolvedFailsBeforeAnyLoad() {
        run("plain", "http://no-such-host.invalid:8080")
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("plain"),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message(
                                                "Configuration error: @LoadTest on method [FaultTestCase.plain(LoadHttp)] has"
                                                        + " the base URL [\"http://no-such-host.invalid:8080\"], whose host no-such-host.invalid"
                                                        + " cannot be resolved (UnknownHostException); nothing was sent. Check the URL and this"
                                                        + " machine's DNS; for example \"https://staging.example.com\"."))));
        assertThat(reports.resolve("TargetFaultsTests.FaultTestCase.plain.json"))
                .doesNotExist();
    }

    @Test
    void aHostThatIsNotAllowedIsNeverContactedAndFailsTheTest() {
        try (FaultServer server = FaultServer.start(Fault.NONE)) {
            run("elsewhere", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("elsewhere"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(
                                                    "5 request(s) were not sent, warm-up included: GET /api was not sent: its host"
                                                            + " elsewhere.example is not allowed (allowed: 127.0.0.1, loopback); allow it with"
                                                            + " @LoadTest(allowedHosts = \"elsewhere.example\") or"
                                                            + " -Dloadtest.allowedHosts=elsewhere.example"))));

            LoadTestResult result = resultOf("elsewhere");
            assertAccountingHolds(result);
            assertThat(result.outcomes()).containsEntry(Outcome.BLOCKED, 5L);
            assertThat(result.corrected().count()).isZero();
        }
    }

    @Test
    void aBlockedRequestFailsTheTestEvenWhenTheBodyCatchesItOrItCameDuringTheWarmUp() {
        try (FaultServer server = FaultServer.start(Fault.NONE)) {
            FaultTestCase.arrivals.set(0);
            run("elsewhereQuietly", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("elsewhereQuietly"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(m -> m.startsWith(
                                                    "1 request(s) were not sent, warm-up included: GET /metrics was not sent: its"
                                                            + " host metrics.elsewhere.example is not allowed")))));

            // The refused request came in the warm-up, in an iteration that then succeeded.
            assertThat(resultOf("elsewhereQuietly").counts().warmup()).isEqualTo(2);
            assertThat(resultOf("elsewhereQuietly").outcomes()).containsEntry(Outcome.SUCCESS, 3L);
        }
    }

    @Test
    void anIterationThatReachedTheServiceKeepsItsLatencyWhenALaterRequestCannotConnect() {
        FaultServer closed = FaultServer.start(Fault.NONE);
        String refused = closed.baseUrl();
        closed.close();
        try (FaultServer server = FaultServer.start(Fault.NONE)) {
            FaultTestCase.refusedUrl = refused + "/gone";
            run("slowThenRefused", server.baseUrl());

            LoadTestResult result = resultOf("slowThenRefused");
            assertAccountingHolds(result);
            assertThat(result.outcomes()).containsEntry(Outcome.CONNECTION, 5L);
            assertThat(result.corrected().count()).isEqualTo(5);
            assertThat(result.corrected().p50Millis()).isGreaterThanOrEqualTo(100.0);
        }
    }

    @Test
    void aRedirectToAnotherHostIsRecordedAsItsResponseAndNotFollowed() {
        try (FaultServer server = FaultServer.start(Fault.REDIRECT_ELSEWHERE)) {
            run("plain", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(1, event(test("plain"), finishedSuccessfully()));

            assertThat(resultOf("plain").endpoints())
                    .singleElement()
                    .satisfies(endpoint -> assertThat(endpoint.status3xx()).isEqualTo(5));
            assertThat(server.requests()).isEqualTo(5);
        }
    }

    @Test
    void theRequestCapIsExactAndStopsTheRun() {
        try (FaultServer server = FaultServer.start(Fault.NONE)) {
            long start = System.nanoTime();
            run("capped", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("capped"),
                                    finishedWithFailure(message(
                                            m -> m.contains("request cap reached: 12 requests admitted, the most"
                                                    + " allowed (@LoadTest maxRequests or loadtest.maxRequests); 12 went out, 0 admitted"
                                                    + " but not sent (no connection, or stopped with the run), ")))));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(server.requests()).isEqualTo(12);

            LoadTestResult result = resultOf("capped");
            assertAccountingHolds(result);
            assertThat(result.outcomes()).containsEntry(Outcome.SUCCESS, 12L);
            assertThat(result.outcomes().get(Outcome.BLOCKED)).isPositive();
            assertThat(result.counts().requestsSent()).isEqualTo(12);
            assertThat(result.counts().requestsNotSent()).isZero();
            assertThat(result.counts().requestsRefused())
                    .isEqualTo(result.outcomes().get(Outcome.BLOCKED));
            assertThat(result.aborted())
                    .contains("; 12 went out, ")
                    .contains(result.counts().requestsRefused() + " refused");
        }
    }

    @Test
    void theRequestCapStopsAClosedModelToo() {
        try (FaultServer server = FaultServer.start(Fault.NONE)) {
            long start = System.nanoTime();
            run("cappedUsers", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("cappedUsers"),
                                    finishedWithFailure(message(m -> m.contains("request cap reached: 30 requests")))));

            assertThat(server.requests()).isEqualTo(30);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(resultOf("cappedUsers").aborted()).startsWith("aborted after ");
        }
    }

    @Test
    void aTargetThatDiesMidRunShowsInTheTimelineFromThatSecondOn() throws Exception {
        try (FaultServer server = FaultServer.start(Fault.NONE)) {
            FaultTestCase.arrivals.set(0);
            FaultTestCase.killAtArrival25 = server::close;
            run("dies", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(1, event(test("dies"), finishedWithFailure(message(m -> m.contains("error rate")))));
        } finally {
            FaultTestCase.killAtArrival25 = () -> {};
        }

        LoadTestResult result = resultOf("dies");
        assertAccountingHolds(result);
        assertThat(result.timeline()).hasSize(3);
        assertThat(result.timeline().get(0).failures()).isZero();
        assertThat(result.timeline().get(2).iterations()).isEqualTo(20);
        assertThat(result.timeline().get(2).failures()).isEqualTo(20);
        assertThat(result.timeline().get(2).failuresByOutcome()).containsOnlyKeys(Outcome.CONNECTION);
    }

    @Test
    void theSmallerOfTheAttributeAndThePropertyCapsApplies() {
        try (FaultServer server = FaultServer.start(Fault.NONE)) {
            run("capped", server.baseUrl(), Map.of(LoadTest.MAX_REQUESTS_PROPERTY_NAME, "7"));
            assertThat(server.requests()).isEqualTo(7);
        }
    }

    @Test
    void theServerSeesExactlyTheRequestsTheReportSaysWereSent() {
        try (FaultServer server = FaultServer.start(Fault.NONE)) {
            run("busy", server.baseUrl())
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(1, event(test("busy"), finishedSuccessfully()));

            LoadTestResult result = resultOf("busy");
            assertAccountingHolds(result);
            assertThat(result.counts().sent()).isEqualTo(60);
            assertThat(result.endpoints())
                    .singleElement()
                    .satisfies(endpoint -> assertThat(endpoint.requests()).isEqualTo(60));
            assertThat(server.requests()).isEqualTo(60);
        }
    }

    static class FaultTestCase {
        @LoadTest(rps = 10, duration = "500ms", timeout = "300ms")
        @ErrorRateBelow(0)
        void plain(LoadHttp http) {
            http.get("/api");
        }

        @LoadTest(rps = 10, duration = "500ms", timeout = "300ms")
        @ErrorRateBelow(0)
        void checksJson(LoadHttp http) {
            http.get("/api").expectJson();
        }

        @LoadTest(rps = 10, duration = "500ms", timeout = "2s", allowedHosts = "*.invalid")
        @ErrorRateBelow(0)
        void unresolvable(LoadHttp http) {
            http.get("http://no-such-host.invalid/api");
        }

        @LoadTest(rps = 10, duration = "500ms", timeout = "300ms")
        void elsewhere(LoadHttp http) {
            http.get("http://elsewhere.example/api");
        }

        @LoadTest(rps = 40, duration = "2s", timeout = "300ms", maxRequests = 12)
        void capped(LoadHttp http) {
            http.get("/api");
        }

        @LoadTest(users = 3, duration = "5s", timeout = "300ms", maxRequests = 30)
        void cappedUsers(LoadHttp http) {
            http.get("/api");
        }

        static volatile Runnable killAtArrival25 = () -> {};
        static final java.util.concurrent.atomic.AtomicInteger arrivals =
                new java.util.concurrent.atomic.AtomicInteger();

        @LoadTest(rps = 20, duration = "3s", timeout = "300ms")
        @ErrorRateBelow(0)
        void dies(LoadHttp http) {
            // Arrival 25 is due 1.2 s into the run: the server dies in the second interval, whatever the start-up took.
            if (arrivals.incrementAndGet() == 25) {
                killAtArrival25.run();
            }
            http.get("/api");
        }

        @LoadTest(rps = 10, duration = "500ms", warmup = "200ms", timeout = "300ms")
        void elsewhereQuietly(LoadHttp http) {
            if (arrivals.incrementAndGet() == 1) {
                try {
                    http.get("http://metrics.elsewhere.example/metrics");
                } catch (LoadRequestException ignored) {
                    // a body that swallows the refusal
                }
            }
            http.get("/api");
        }

        static volatile String refusedUrl = "http://127.0.0.1:1/gone";
        static volatile String unansweredUrl = "http://127.0.0.1:1/api";

        @LoadTest(rps = 10, duration = "500ms", timeout = "300ms")
        @ErrorRateBelow(0)
        void unanswered(LoadHttp http) {
            http.get(unansweredUrl);
        }

        @LoadTest(rps = 10, duration = "500ms", timeout = "2s")
        void slowThenRefused(LoadHttp http) throws InterruptedException {
            http.get("/api");
            Thread.sleep(100);
            http.get(refusedUrl);
        }

        @LoadTest(rps = 60, duration = "1s", timeout = "2s")
        @ErrorRateBelow(0)
        void busy(LoadHttp http) {
            http.get("/api");
        }
    }
}
