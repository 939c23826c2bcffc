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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

class LoadTestExtensionTests {

    @TempDir
    Path reports;

    @Test
    void aLoadTestWithinItsThresholdsPassesAndWritesItsResult() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(PassingTestCase.class, server.baseUrl(), reports);

            results.testEvents().assertThatEvents().haveExactly(1, event(test("templates"), finishedSuccessfully()));
            LoadTestResult result =
                    JsonReportWriter.read(reports.resolve("LoadTestExtensionTests.PassingTestCase.templates.json"));
            assertThat(result.counts().scheduled()).isEqualTo(20);
            assertThat(result.counts().sent()).isEqualTo(20);
            assertThat(result.counts().measured()).isEqualTo(20);
            assertThat(result.outcomes()).containsEntry(Outcome.SUCCESS, 20L);
            assertThat(result.endpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.name()).isEqualTo("GET /api/templates");
                assertThat(endpoint.status2xx()).isEqualTo(20);
            });
            assertThat(result.thresholds()).hasSize(2).allMatch(ThresholdResult::passed);
            assertThat(server.requests()).isEqualTo(20);
        }
    }

    @Test
    void aViolatedPercentileFailsWithTheMetricLimitValueAndSampleSize() {
        try (LoopbackServer server = LoopbackServer.start().delayMillis(30)) {
            EngineExecutionResults results = Engine.run(SlowP50TestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("templates"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(
                                                    m -> m.matches(
                                                            "p50 latency \\d+(\\.\\d+)? ms exceeded 10 ms \\(n=20, 20 req/s for 1 s\\)")))));
        }
    }

    @Test
    void everyViolatedThresholdIsReportedTogether() {
        try (LoopbackServer server = LoopbackServer.start().delayMillis(30).status(503)) {
            EngineExecutionResults results = Engine.run(TwoViolationsTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("templates"),
                                    finishedWithFailure(
                                            instanceOf(MultipleFailuresError.class),
                                            message(
                                                    m -> m.contains("failed 2 checks")
                                                            && m.contains("p95 latency")
                                                            && m.contains("exceeded 10 ms")
                                                            && m.contains(
                                                                    "error rate 100 % exceeded 1 % (20 of 20 iterations failed: 20 HTTP_5XX;")))));
        }
    }

    @Test
    void beforeAndAfterEachRunOnceAroundTheWholeRunAndPlainTestsAreLeftAlone() {
        try (LoopbackServer server = LoopbackServer.start()) {
            LifecycleTestCase.reset();
            EngineExecutionResults results = Engine.run(LifecycleTestCase.class, server.baseUrl(), reports);

            results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
            assertThat(LifecycleTestCase.beforeEach).hasValue(2);
            assertThat(LifecycleTestCase.afterEach).hasValue(2);
            assertThat(LifecycleTestCase.iterations).hasValue(10);
            assertThat(LifecycleTestCase.plainRuns).hasValue(1);
        }
    }

    @Test
    void loadTestsInNestedClassesRun() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(OuterTestCase.class, server.baseUrl(), reports);

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
            assertThat(reports.resolve("LoadTestExtensionTests.OuterTestCase.InnerTestCase.templates.json"))
                    .exists();
        }
    }

    @Test
    void badConfigurationFailsBeforeSetupOrAnyRequestWithAConfigurationError() {
        try (LoopbackServer server = LoopbackServer.start()) {
            NanRpsTestCase.setups.set(0);
            EngineExecutionResults results = Engine.run(NanRpsTestCase.class, server.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("nanRps"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message(
                                                    "Configuration error: @LoadTest on method [NanRpsTestCase.nanRps(LoadHttp)] must declare a"
                                                            + " positive, finite 'rps', but was [NaN]; for example rps = 16.7."))));
            assertThat(NanRpsTestCase.setups).hasValue(0);
            assertThat(server.requests()).isZero();
        }
    }

    @Test
    void aThresholdOnAPlainTestIsAConfigurationError() {
        EngineExecutionResults results = Engine.runWithoutBaseUrl(ThresholdWithoutLoadTestTestCase.class, reports);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("plain"),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message(
                                                "Configuration error: @P95Below on method [ThresholdWithoutLoadTestTestCase.plain()] requires"
                                                        + " @LoadTest on the same method."))));
    }

    @Test
    void aRelativePathWithoutABaseUrlStopsTheRunWithAConfigurationError() {
        EngineExecutionResults results = Engine.runWithoutBaseUrl(PassingTestCase.class, reports);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("templates"),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message(
                                                m -> m.startsWith(
                                                        "Configuration error: @LoadTest on method [PassingTestCase.templates(LoadHttp)]"
                                                                + " requested the relative path [\"/api/templates\"] but no base URL is set;")))));
        assertThat(reports.resolve("LoadTestExtensionTests.PassingTestCase.templates.json"))
                .doesNotExist();
    }

    @Test
    void loadTestsCarryTheLoadTagSoABuildCanLeaveThemOut() {
        LifecycleTestCase.reset();
        EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(LifecycleTestCase.class))
                .filters(TagFilter.excludeTags(LoadTest.TAG))
                .enableImplicitConfigurationParameters(false)
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));

        assertThat(LifecycleTestCase.plainRuns).hasValue(1);
        assertThat(LifecycleTestCase.iterations).hasValue(0);
    }

    @Test
    void keyFiguresArePublishedAsReportEntries() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(PassingTestCase.class, server.baseUrl(), reports);

            assertThat(results.testEvents().reportingEntryPublished().stream()
                            .map(event ->
                                    event.getRequiredPayload(ReportEntry.class).getKeyValuePairs()))
                    .singleElement()
                    .satisfies(entries -> assertThat(entries)
                            .containsEntry("loadtest.verdict", "passed")
                            .containsEntry("loadtest.iterations", "20")
                            .containsKeys("loadtest.p95Millis", "loadtest.achievedRps"));
        }
    }

    @Test
    void anExtensionCanPublishTheBaseUrlOfAServerItStarted() {
        try (LoopbackServer server = LoopbackServer.start()) {
            PublishedTargetTestCase.server = server;
            Engine.runWithoutBaseUrl(PublishedTargetTestCase.class, reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));

            assertThat(server.requests()).isEqualTo(5);
        } finally {
            PublishedTargetTestCase.server = null;
        }
    }

    static class PublishedTargetTestCase {
        static LoopbackServer server;

        @RegisterExtension
        static final BeforeAllCallback target =
                context -> LoadTestTarget.publishBaseUrl(context, java.net.URI.create(server.baseUrl()));

        @LoadTest(rps = 10, duration = "500ms")
        void published(LoadHttp http) {
            http.get("/api/templates").expectStatus(200);
        }
    }

    @Test
    void aJUnitTimeoutShorterThanTheLoadIsAConfigurationError() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(
                    ShortTimeoutTestCase.class,
                    server.baseUrl(),
                    reports,
                    java.util.Map.of("junit.jupiter.execution.timeout.default", "3 s"));

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("methodTimeout"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message(
                                                    "Configuration error: @LoadTest on method [ShortTimeoutTestCase.methodTimeout(LoadHttp)]"
                                                            + " runs for 60 s, longer than its JUnit timeout of 2 s (@Timeout on the method),"
                                                            + " which would stop it midway; raise the timeout above the load's duration or"
                                                            + " shorten the load."))))
                    .haveExactly(
                            1,
                            event(
                                    test("defaultTimeout"),
                                    finishedWithFailure(
                                            instanceOf(ExtensionConfigurationException.class),
                                            message(m -> m.contains(
                                                    "longer than its JUnit timeout of 3 s (configuration parameter"
                                                            + " 'junit.jupiter.execution.timeout.default')")))))
                    .haveExactly(1, event(test("longEnough"), finishedSuccessfully()));
            assertThat(server.requests()).isEqualTo(5);
        }
    }

    static class ShortTimeoutTestCase {
        @LoadTest(rps = 10, duration = "60s")
        @Timeout(2)
        void methodTimeout(LoadHttp http) {
            http.get("/never");
        }

        @LoadTest(rps = 10, duration = "60s")
        void defaultTimeout(LoadHttp http) {
            http.get("/never");
        }

        @LoadTest(rps = 10, duration = "500ms")
        @Timeout(30)
        void longEnough(LoadHttp http) {
            http.get("/ok");
        }
    }

    static class NanRpsTestCase {
        static final AtomicInteger setups = new AtomicInteger();

        @BeforeEach
        void setUp() {
            setups.incrementAndGet();
        }

        @LoadTest(rps = Double.NaN, duration = "1s")
        void nanRps(LoadHttp http) {
            http.get("/never");
        }
    }

    static class ThresholdWithoutLoadTestTestCase {
        @Test
        @P95Below(500)
        void plain() {}
    }

    static class PassingTestCase {
        @LoadTest(rps = 20, duration = "1s")
        @P95Below(1000)
        @ErrorRateBelow(0)
        void templates(LoadHttp http) {
            http.get("/api/templates").expectStatus(200).expectJson();
        }
    }

    static class SlowP50TestCase {
        @LoadTest(rps = 20, duration = "1s")
        @P50Below(10)
        void templates(LoadHttp http) {
            http.get("/api/templates");
        }
    }

    static class TwoViolationsTestCase {
        @LoadTest(rps = 20, duration = "1s")
        @P95Below(10)
        @ErrorRateBelow(1)
        void templates(LoadHttp http) {
            http.get("/api/templates");
        }
    }

    static class LifecycleTestCase {
        static final AtomicInteger beforeEach = new AtomicInteger();
        static final AtomicInteger afterEach = new AtomicInteger();
        static final AtomicInteger iterations = new AtomicInteger();
        static final AtomicInteger plainRuns = new AtomicInteger();

        static void reset() {
            beforeEach.set(0);
            afterEach.set(0);
            iterations.set(0);
            plainRuns.set(0);
        }

        @BeforeEach
        void before() {
            beforeEach.incrementAndGet();
        }

        @AfterEach
        void after() {
            afterEach.incrementAndGet();
        }

        @LoadTest(rps = 20, duration = "500ms")
        void load() {
            iterations.incrementAndGet();
        }

        @Test
        void plain() {
            plainRuns.incrementAndGet();
        }
    }

    static class OuterTestCase {
        @Nested
        class InnerTestCase {
            @LoadTest(rps = 10, duration = "500ms")
            void templates(LoadHttp http) {
                http.get("/api/templates").expectStatus(200);
            }
        }
    }
}
