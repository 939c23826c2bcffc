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
import io.github.junitloadtest.support.LoopbackServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/** Load shapes and richer verdicts, as a user declares them, against loopback servers in real time. */
class LoadShapesTests {

    @TempDir
    Path reports;

    private LoadTestResult resultOf(Class<?> fixture, String method) {
        return JsonReportWriter.read(
                reports.resolve("LoadShapesTests." + fixture.getSimpleName() + "." + method + ".json"));
    }

    private static long percentOff(long actual, double expected) {
        return Math.round(Math.abs(actual - expected) * 100 / expected);
    }

    @Test
    void arrivalsFollowTheStagesWithinTwoPercentPerStage() {
        try (LoopbackServer server = LoopbackServer.start()) {
            RampTestCase.starts.clear();
            Engine.run(RampTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));

            List<Long> starts = List.copyOf(RampTestCase.starts);
            long first = starts.stream().mapToLong(Long::longValue).min().orElseThrow();
            long[] perStage = new long[3];
            for (long start : starts) {
                long millis = TimeUnit.NANOSECONDS.toMillis(start - first);
                perStage[(int) Math.min(2, millis / 2000)]++;
            }
            assertThat(percentOff(perStage[0], 100))
                    .as("hold 50 req/s for 2 s: %d", perStage[0])
                    .isLessThanOrEqualTo(2);
            assertThat(percentOff(perStage[1], 200))
                    .as("ramp 50→150 over 2 s: %d", perStage[1])
                    .isLessThanOrEqualTo(2);
            assertThat(percentOff(perStage[2], 300))
                    .as("hold 150 req/s for 2 s: %d", perStage[2])
                    .isLessThanOrEqualTo(2);
            LoadTestResult result = resultOf(RampTestCase.class, "ramp");
            assertThat(result.counts().scheduled()).isEqualTo(600);
            assertThat(result.requestedRps())
                    .as("planned average: 600 arrivals in 6 s")
                    .isEqualTo(100);
            assertThat(result.configuration().stages()).hasSize(3);
        }
    }

    @Test
    void eachPhaseKeepsItsOwnStatisticsAndThresholdsCanTargetOne() {
        try (LoopbackServer server = LoopbackServer.start().slowBetween(1000, 2000, 200)) {
            EngineExecutionResults results = Engine.run(PhasesTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("phases"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(m -> m.startsWith("p95 latency in phase slow 2")
                                                    && m.contains("exceeded 100 ms (n=20,")))));
            LoadTestResult result = resultOf(PhasesTestCase.class, "phases");
            assertThat(result.phases()).extracting(PhaseResult::name).containsExactly("calm", "slow", "calm again");
            PhaseResult slow = result.phases().get(1);
            assertThat(slow.iterations()).isEqualTo(20);
            assertThat(slow.corrected().p50Millis()).isGreaterThanOrEqualTo(200.0);
            assertThat(result.phases().get(0).corrected().p50Millis()).isLessThan(100.0);
            assertThat(result.thresholds())
                    .filteredOn(threshold -> threshold.scope().equals("phase calm"))
                    .singleElement()
                    .satisfies(threshold -> assertThat(threshold.passed()).isTrue());
        }
    }

    @Test
    void usersOfAClosedModelNeverExceedTheStageTarget() {
        try (LoopbackServer server = LoopbackServer.start().delayMillis(20)) {
            UsersTestCase.samples.clear();
            UsersTestCase.firstStart.set(0);
            Engine.run(UsersTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));

            int peak = 0;
            for (long[] sample : UsersTestCase.samples) {
                // The first user starts when the ramp 0 → 4 over 1 s reaches 1, a quarter second into the run.
                double seconds = sample[0] / 1e9 + 0.25;
                // Allow 60 ms either side: users poll the target, and an iteration started just before the
                // ramp-down is still running (each takes about 20 ms).
                double allowed = Math.max(usersTarget(seconds - 0.06), usersTarget(seconds + 0.06));
                assertThat((double) sample[1])
                        .as("users at %.3f s", seconds)
                        .isLessThanOrEqualTo(Math.floor(allowed + 1e-9));
                peak = (int) Math.max(peak, sample[1]);
            }
            assertThat(peak).isEqualTo(4);
            LoadTestResult result = resultOf(UsersTestCase.class, "users");
            assertThat(result.configuration().model()).isEqualTo("closed");
            assertThat(result.notes()).singleElement().asString().startsWith("Closed model");
            assertThat(result.corrected().p50Millis())
                    .isEqualTo(result.serviceTime().p50Millis());
        }
    }

    private static double usersTarget(double seconds) {
        if (seconds < 1) {
            return 4 * Math.max(0, seconds);
        }
        return seconds < 2 ? 4 : Math.max(0, 4 * (3 - seconds));
    }

    @Test
    void aMaximumThroughputRunHasFixedCallersAndNoThinkTime() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(MaxThroughputTestCase.class, server.baseUrl(), reports);

            results.testEvents().assertThatEvents().haveExactly(1, event(test("capacity"), finishedSuccessfully()));
            LoadTestResult result = resultOf(MaxThroughputTestCase.class, "capacity");
            assertThat(result.throughputRps()).isGreaterThan(50);
            assertThat(result.configuration().maxInFlight()).isEqualTo(4);
        }
    }

    @Test
    void aPerEndpointThresholdNamesTheEndpointThatBrokeIt() {
        try (LoopbackServer server = LoopbackServer.start().slowRoute("/slow", 150)) {
            EngineExecutionResults results = Engine.run(PerEndpointTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("twoEndpoints"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(m -> m.startsWith("p95 latency of GET /slow 1")
                                                    && m.contains("exceeded 100 ms")))));
            assertThat(resultOf(PerEndpointTestCase.class, "twoEndpoints").thresholds())
                    .extracting(ThresholdResult::scope, ThresholdResult::passed)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("endpoint GET /fast", true),
                            org.assertj.core.groups.Tuple.tuple("endpoint GET /slow", false));
        }
    }

    @Test
    void aPerEndpointErrorRateDoesNotInventAFailureClass() {
        try (LoopbackServer server = LoopbackServer.start().route("/down", 503, "{}")) {
            EngineExecutionResults results = Engine.run(PerEndpointErrorsTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("errorsPerEndpoint"),
                                    finishedWithFailure(
                                            message(
                                                    "error rate of GET /down 100 % exceeded 1 % (5 of 5 requests failed; 10 req/s for 0.5 s)"))));
        }
    }

    static class PerEndpointErrorsTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        @ErrorRateBelow(value = 1, perEndpoint = true)
        void errorsPerEndpoint(LoadHttp http) {
            http.get("/up").expectStatus(200);
            http.get("/down");
        }
    }

    @Test
    void aStatusDeclaredAsSuccessCountsAsSuccess() {
        try (LoopbackServer server = LoopbackServer.start().route("/missing", 404, "{}")) {
            Engine.run(SuccessStatusTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(1, event(test("notFoundIsFine"), finishedSuccessfully()));
        }
    }

    @Test
    void aForbiddenStatusFailsWhateverTheErrorRate() {
        try (LoopbackServer server = LoopbackServer.start().route("/sometimes", 503, "{}")) {
            EngineExecutionResults results = Engine.run(NeverStatusTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("no503"),
                                    finishedWithFailure(message(m -> m.contains(
                                            "status 503 occurred 5 time(s), but @NeverStatus allows none")))));
        }
    }

    @Test
    void anAbortingThresholdStopsSendingWithinASecondOfBeingCertain() throws Exception {
        try (LoopbackServer server = LoopbackServer.start().status(503)) {
            long started = System.nanoTime();
            EngineExecutionResults results = Engine.run(AbortTestCase.class, server.baseUrl(), reports);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            int requestsAtEnd = server.requests();
            TimeUnit.MILLISECONDS.sleep(300);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("failingService"),
                                    finishedWithFailure(
                                            message(m -> m.contains("aborted after ") && m.contains("error rate: ")))));
            // Certain after 6 failures (1 % of 600 planned); at 20 req/s that is 0.3 s, then at most a second more.
            assertThat(tookMillis).isLessThan(5000);
            assertThat(requestsAtEnd).isBetween(6, 30);
            assertThat(server.requests()).isEqualTo(requestsAtEnd);
            LoadTestResult result = resultOf(AbortTestCase.class, "failingService");
            assertThat(result.aborted()).startsWith("aborted after ");
            assertThat(result.counts().sent()).isEqualTo(result.counts().scheduled());
        }
    }

    @Test
    void namedChecksAreCountedAndACheckRateThresholdFailsOnThem() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(ChecksTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("checks"),
                                    finishedWithFailure(
                                            message(
                                                    "check pass rate 75 % fell below 99 % (5 of 20 checks failed: every other 5×)"))));
            LoadTestResult result = resultOf(ChecksTestCase.class, "checks");
            assertThat(result.checks())
                    .containsExactly(new CheckResult("every other", 5, 5), new CheckResult("status is 200", 10, 0));
            assertThat(result.outcomes()).containsEntry(Outcome.SUCCESS, 10L);
            assertThat(result.endpoints())
                    .singleElement()
                    .satisfies(endpoint ->
                            assertThat(endpoint.timeToHeaders().count()).isEqualTo(10));
        }
    }

    @Test
    void aCheckWhosePredicateThrowsCountsAsFailedWithoutFailingTheIteration() {
        try (LoopbackServer server = LoopbackServer.start().route("/text", 200, "plain words")) {
            Engine.run(ThrowingCheckTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(1, event(test("throwingCheck"), finishedSuccessfully()));

            LoadTestResult result = resultOf(ThrowingCheckTestCase.class, "throwingCheck");
            assertThat(result.checks()).containsExactly(new CheckResult("is json", 0, 5));
            assertThat(result.endpoints())
                    .singleElement()
                    .satisfies(endpoint -> assertThat(endpoint.failed()).isZero());
        }
    }

    @Test
    void aFailedRequestCountsOnceForItsEndpointHoweverManyChecksFail() {
        try (LoopbackServer server = LoopbackServer.start().route("/broken", 500, "not json")) {
            Engine.run(DoubleFailureTestCase.class, server.baseUrl(), reports);

            assertThat(resultOf(DoubleFailureTestCase.class, "doubleFailure").endpoints())
                    .singleElement()
                    .satisfies(endpoint -> {
                        assertThat(endpoint.requests()).isEqualTo(5);
                        assertThat(endpoint.failed()).isEqualTo(5);
                    });
        }
    }

    @Test
    void aPhaseMadeOfSeparateStagesIsJudgedOnItsOwnTime() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(SplitPhaseTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(1, event(test("splitPhase"), finishedSuccessfully()));

            ThresholdResult throughput = resultOf(SplitPhaseTestCase.class, "splitPhase")
                    .thresholds()
                    .get(0);
            assertThat(throughput.actual()).isEqualTo(20.0);
        }
    }

    @Test
    void recoveryIsMeasuredFromTheEndOfAPhase() {
        try (LoopbackServer server = LoopbackServer.start().slowBetween(1000, 2000, 300)) {
            Engine.run(RecoveryTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(1, event(test("recovers"), finishedSuccessfully()));

            ThresholdResult recovery =
                    resultOf(RecoveryTestCase.class, "recovers").thresholds().get(0);
            assertThat(recovery.metric()).isEqualTo("recovery time");
            assertThat(recovery.actual()).isLessThan(3.0);
            assertThat(recovery.message()).startsWith("recovery after spike took ");
        }
    }

    @Test
    void aServiceThatDoesNotRecoverBeforeTheRunEndsFails() {
        // Slow enough that no reference p95 of a busy machine's first second (a cold server and client) puts
        // the slow answers within the 300 % tolerance.
        try (LoopbackServer server = LoopbackServer.start().slowBetween(1000, 60_000, 1500)) {
            EngineExecutionResults results = Engine.run(RecoveryTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("recovers"),
                                    finishedWithFailure(
                                            message(m -> m.startsWith("recovery after spike was not seen in the ")))));
        }
    }

    @Test
    void badShapesFailBeforeAnyRequest() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(BadShapeTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("durationWithStages"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message(m -> m.contains("declares 'duration' [\"60s\"] with 'stages'")))))
                    .haveExactly(
                            1,
                            event(
                                    test("mixedStages"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message(m -> m.contains("stage 2 mixes 'rps' and 'users' stages")))))
                    .haveExactly(
                            1,
                            event(
                                    test("unknownPhase"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message(
                                                    m -> m.contains(
                                                            "@P95Below on method [BadShapeTestCase.unknownPhase(LoadHttp)]"
                                                                    + " names phase [\"spike\"], but the stages name [warmup]")))))
                    .haveExactly(
                            1,
                            event(
                                    test("thinkTimeWithRate"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message(m -> m.contains("declares a think time for an open model")))))
                    .haveExactly(
                            1,
                            event(
                                    test("noLoad"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message(m -> m.contains(
                                                    "must declare one load: 'rps' with 'duration', 'users' with"
                                                            + " 'duration', or 'stages'; for example")))));
            assertThat(server.requests()).isZero();
        }
    }

    static class RampTestCase {
        static final ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();

        @LoadTest(
                stages = {
                    @Stage(duration = "2s", from = 50, rps = 50),
                    @Stage(duration = "2s", rps = 150),
                    @Stage(duration = "2s", rps = 150)
                })
        void ramp() {
            starts.add(System.nanoTime());
        }
    }

    static class PhasesTestCase {
        @LoadTest(
                stages = {
                    @Stage(name = "calm", duration = "1s", from = 20, rps = 20),
                    @Stage(name = "slow", duration = "1s", rps = 20),
                    @Stage(name = "calm again", duration = "1s", rps = 20)
                })
        @P95Below(value = 100, phase = "slow")
        @P95Below(value = 100, phase = "calm")
        void phases(LoadHttp http) {
            http.get("/phase").expectStatus(200);
        }
    }

    static class UsersTestCase {
        static final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        static final AtomicLong firstStart = new AtomicLong();
        private final AtomicInteger active = new AtomicInteger();

        @LoadTest(
                stages = {
                    @Stage(duration = "1s", users = 4),
                    @Stage(duration = "1s", users = 4),
                    @Stage(duration = "1s", users = 0)
                })
        void users(LoadHttp http) {
            long now = System.nanoTime();
            firstStart.compareAndSet(0, now);
            int running = active.incrementAndGet();
            samples.add(new long[] {now - firstStart.get(), running});
            try {
                http.get("/users").expectStatus(200);
            } finally {
                active.decrementAndGet();
            }
        }
    }

    static class MaxThroughputTestCase {
        @LoadTest(users = 4, duration = "1s")
        @ThroughputAbove(50)
        void capacity(LoadHttp http) {
            http.get("/capacity").expectStatus(200);
        }
    }

    static class PerEndpointTestCase {
        @LoadTest(rps = 20, duration = "1s")
        @P95Below(value = 100, perEndpoint = true)
        void twoEndpoints(LoadHttp http) {
            http.get("/fast").expectStatus(200);
            http.get("/slow").expectStatus(200);
        }
    }

    static class SuccessStatusTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        @SuccessStatus({200, 404})
        @ErrorRateBelow(0)
        void notFoundIsFine(LoadHttp http) {
            http.get("/missing");
        }
    }

    static class NeverStatusTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        @NeverStatus(503)
        void no503(LoadHttp http) {
            http.get("/sometimes");
        }
    }

    static class AbortTestCase {
        @LoadTest(rps = 20, duration = "30s")
        @ErrorRateBelow(value = 1, abortOnFail = true)
        void failingService(LoadHttp http) {
            http.get("/down");
        }
    }

    static class ChecksTestCase {
        private final AtomicInteger calls = new AtomicInteger();

        @LoadTest(rps = 20, duration = "500ms")
        @ChecksAbove(99)
        void checks(LoadHttp http) {
            boolean even = calls.incrementAndGet() % 2 == 0;
            http.get("/checked")
                    .check("status is 200", response -> response.status() == 200)
                    .check("every other", response -> even);
        }
    }

    static class ThrowingCheckTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        @ErrorRateBelow(0)
        void throwingCheck(LoadHttp http) {
            http.get("/text").check("is json", response -> response.json() != null);
        }
    }

    static class DoubleFailureTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        void doubleFailure(LoadHttp http) {
            LoadResponse response = http.get("/broken");
            try {
                response.expectJson();
            } catch (LoadCheckException expected) {
                response.expectStatus(200);
            }
        }
    }

    static class SplitPhaseTestCase {
        @LoadTest(
                stages = {
                    @Stage(name = "steady", duration = "1s", from = 20, rps = 20),
                    @Stage(name = "other", duration = "1s", rps = 20),
                    @Stage(name = "steady", duration = "1s", rps = 20)
                })
        @ThroughputAbove(value = 19, phase = "steady")
        void splitPhase(LoadHttp http) {
            http.get("/split").expectStatus(200);
        }
    }

    static class RecoveryTestCase {
        @LoadTest(
                stages = {
                    @Stage(name = "warm", duration = "1s", from = 20, rps = 20),
                    @Stage(name = "spike", duration = "1s", rps = 20),
                    @Stage(name = "cool", duration = "4s", rps = 20)
                })
        @RecoversWithin(value = "3s", after = "spike", reference = "warm", window = "1s", tolerancePercent = 300)
        void recovers(LoadHttp http) {
            http.get("/recovery").expectStatus(200);
        }
    }

    static class BadShapeTestCase {
        @LoadTest(duration = "60s", stages = @Stage(duration = "30s", rps = 10))
        void durationWithStages(LoadHttp http) {
            http.get("/never");
        }

        @LoadTest(stages = {@Stage(duration = "30s", rps = 10), @Stage(duration = "30s", users = 10)})
        void mixedStages(LoadHttp http) {
            http.get("/never");
        }

        @LoadTest(stages = @Stage(name = "warmup", duration = "30s", rps = 10))
        @P95Below(value = 500, phase = "spike")
        void unknownPhase(LoadHttp http) {
            http.get("/never");
        }

        @LoadTest(rps = 10, duration = "30s", thinkTime = "1s")
        void thinkTimeWithRate(LoadHttp http) {
            http.get("/never");
        }

        @LoadTest
        void noLoad(LoadHttp http) {
            http.get("/never");
        }
    }
}
