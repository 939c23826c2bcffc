package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite pages ({@code index.md}, {@code index.html}) as a build leaves them: every load test of this
 * build, whatever became of it, and nothing of an earlier build.
 */
class SuitePagesTests {

    private static final String BUILD_ID = "loadtest.buildId";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    private static String read(Path file) throws Exception {
        return Files.readString(file);
    }

    @Test
    void aConfigurationErrorBesideAPassIsOnBothPagesAndNothingIsApproved() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(PassAndConfigurationErrorTestCase.class, server.baseUrl(), reports, Map.of(BUILD_ID, "b1"))
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1).failed(1));
        }

        String markdown = read(reports.resolve("index.md"));
        assertThat(markdown)
                .contains(
                        "**Tests**: 2, 1 failed (1 configuration error)  \n",
                        "**Approved for Production?** NO - 1 of 2 load tests did not pass");
        assertThat(markdown).doesNotContain("YES");
        assertThat(markdown.lines()
                        .filter(line -> line.startsWith("| SuitePagesTests.PassAndConfigurationErrorTestCase.broken"))
                        .findFirst()
                        .orElseThrow())
                .contains("| ✗ configuration error | no load sent |");
        assertThat(markdown).contains("declares 'duration' \\[\"10x\"\\]");
        String html = read(reports.resolve("index.html"));
        assertThat(html)
                .contains(
                        "<span class=\"verdict failed\">FAILED</span>",
                        "2 load tests",
                        "configuration error",
                        "declares &#39;duration&#39; [&quot;10x&quot;]")
                .doesNotContain("verdict passed");

        JsonNode entry = JSON.readTree(reports.resolve("verdicts")
                .resolve("SuitePagesTests.PassAndConfigurationErrorTestCase.broken.json")
                .toFile());
        assertThat(entry.get("status").asText()).isEqualTo("configuration error");
        assertThat(entry.get("message").asText())
                .startsWith("Configuration error: @LoadTest on method"
                        + " [PassAndConfigurationErrorTestCase.broken(LoadHttp)] declares 'duration' [\"10x\"]");
        assertThat(entry.get("measured").asBoolean()).isFalse();
    }

    @Test
    void aLaterBuildShowsOnlyItsOwnTestsEvenWhenItsOnlyTestBreaksOnConfiguration() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(PassingTestCase.class, server.baseUrl(), reports, Map.of(BUILD_ID, "earlier"));
            Engine.run(BrokenTestCase.class, server.baseUrl(), reports, Map.of(BUILD_ID, "later"));
        }

        String markdown = read(reports.resolve("index.md"));
        assertThat(markdown)
                .contains("SuitePagesTests.BrokenTestCase.broken", "**Tests**: 1, 1 failed")
                .doesNotContain("PassingTestCase");
        assertThat(read(reports.resolve("index.html"))).doesNotContain("PassingTestCase");
    }

    @Test
    void withoutABuildIdEntriesWrittenBeforeThisJvmStartedAreFromAnEarlierBuild() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(PassingTestCase.class, server.baseUrl(), reports);
            assertThat(read(reports.resolve("index.md"))).contains("SuitePagesTests.PassingTestCase.passing");
            // As an earlier JVM without a build id would have left it.
            Path entry = reports.resolve("verdicts").resolve("SuitePagesTests.PassingTestCase.passing.json");
            ObjectNode earlier = (ObjectNode) JSON.readTree(entry.toFile());
            earlier.put("written", "2001-01-01T00:00:00Z");
            ((ObjectNode) earlier.get("jvm")).put("pid", -1).put("started", "2001-01-01T00:00:00Z");
            JSON.writeValue(entry.toFile(), earlier);

            Engine.run(BrokenTestCase.class, server.baseUrl(), reports);
        }

        assertThat(read(reports.resolve("index.md")))
                .contains("SuitePagesTests.BrokenTestCase.broken")
                .doesNotContain("PassingTestCase");
    }

    @Test
    void anotherJvmsEntryOfTheSameBuildIsOnThePage() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(PassingTestCase.class, server.baseUrl(), reports, Map.of(BUILD_ID, "b2"));
            // As a second fork of the same build would have left it.
            Path entry = reports.resolve("verdicts").resolve("SuitePagesTests.PassingTestCase.passing.json");
            ObjectNode other = (ObjectNode) JSON.readTree(entry.toFile());
            ((ObjectNode) other.get("jvm")).put("pid", -1);
            JSON.writeValue(entry.toFile(), other);

            Engine.run(BrokenTestCase.class, server.baseUrl(), reports, Map.of(BUILD_ID, "b2"));
        }

        String markdown = read(reports.resolve("index.md"));
        assertThat(markdown)
                .contains(
                        "SuitePagesTests.PassingTestCase.passing",
                        "SuitePagesTests.BrokenTestCase.broken",
                        "**Tests**: 2, 1 failed (1 configuration error), from 2 JVMs");
        assertThat(read(reports.resolve("index.html"))).contains("PassingTestCase", "BrokenTestCase", "from 2 JVMs");
    }

    @Test
    void aFullLengthRunThatPassedIsApproved() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(PassingTestCase.class, server.baseUrl(), reports, Map.of(BUILD_ID, "b3"));

            String markdown = read(reports.resolve("index.md"));
            assertThat(markdown)
                    .contains(
                            "**Build**: b3  \n",
                            "**Target**: " + server.baseUrl() + "  \n",
                            "**Duration scale**: 1  \n",
                            "**Tests**: 1, 0 failed  \n",
                            "**Approved for Production?** YES - all criteria met\n");
            assertThat(read(reports.resolve("index.html")))
                    .contains(
                            "<span class=\"verdict passed\">PASSED</span>",
                            "<td class=\"ok\"><strong>YES</strong>: all criteria met</td>");
            assertThat(read(reports.resolve("SuitePagesTests.PassingTestCase.passing.md")))
                    .contains("- [x] YES - All criteria met\n- [ ] NO - Issues found (list below)\n");
        }
    }

    @Test
    void aScaledRunIsNeverOfferedForApproval() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(
                    PassingTestCase.class,
                    server.baseUrl(),
                    reports,
                    Map.of(BUILD_ID, "b4", LoadTest.DURATION_SCALE_PROPERTY_NAME, "0.5"));
        }

        String markdown = read(reports.resolve("index.md"));
        assertThat(markdown)
                .contains(
                        "**Duration scale**: 0.5 (scaled run)  \n",
                        "**Approved for Production?** Not offered: scaled run (durationScale 0.5)\n")
                .doesNotContain("YES");
        assertThat(read(reports.resolve("index.html")))
                .contains("<strong>Not offered</strong>: scaled run (durationScale 0.5)")
                .doesNotContain("<strong>YES</strong>");
        String testPage = read(reports.resolve("SuitePagesTests.PassingTestCase.passing.md"));
        assertThat(testPage)
                .contains("YES is not offered: scaled run (durationScale 0.5); the figures say nothing"
                        + " about production.\n\n- [ ] NO - Issues found (list below)\n")
                .doesNotContain("[x] YES", "[ ] YES");
    }

    @Test
    void aPublishedStubIsNamedOnThePagesRedactedAndNeverApproved() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            StubTargetTestCase.baseUrl = server.baseUrl().replace("http://", "http://user:secret@");
            Engine.run(StubTargetTestCase.class, "", reports, Map.of(BUILD_ID, "b5"))
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));
        } finally {
            StubTargetTestCase.baseUrl = null;
        }

        String markdown = read(reports.resolve("index.md"));
        assertThat(markdown)
                .contains(
                        "**Target**: http://\\*\\*\\*@127.0.0.1:",
                        " (embedded stub)  \n",
                        "**Approved for Production?** Not offered: embedded stub\n")
                .doesNotContain("secret", "YES");
        assertThat(read(reports.resolve("index.html")))
                .contains(
                        "http://***@127.0.0.1:", " (embedded stub)</td>", "<strong>Not offered</strong>: embedded stub")
                .doesNotContain("secret");
        assertThat(read(reports.resolve("SuitePagesTests.StubTargetTestCase.stubbed.md")))
                .contains(" (embedded stub)  \n", "YES is not offered: embedded stub;")
                .doesNotContain("[x] YES");
        assertThat(read(reports.resolve("SuitePagesTests.StubTargetTestCase.stubbed.html")))
                .contains(" (embedded stub), started ");
        assertThat(JsonReportWriter.read(reports.resolve("SuitePagesTests.StubTargetTestCase.stubbed.json"))
                        .configuration()
                        .stubTarget())
                .isTrue();
    }

    @Test
    void aBaseUrlTheUserSetIsNotTakenForThePublishedStub() throws Exception {
        try (LoopbackServer stub = LoopbackServer.start();
                LoopbackServer real = LoopbackServer.start()) {
            StubTargetTestCase.baseUrl = stub.baseUrl();
            Engine.run(StubTargetTestCase.class, real.baseUrl(), reports, Map.of(BUILD_ID, "b6"));
            assertThat(real.requests()).isPositive();
            assertThat(stub.requests()).isZero();
            assertThat(read(reports.resolve("index.md")))
                    .contains(
                            "**Target**: " + real.baseUrl() + "  \n",
                            "**Approved for Production?** YES - all criteria met")
                    .doesNotContain("(embedded stub)");
        } finally {
            StubTargetTestCase.baseUrl = null;
        }
    }

    @Test
    void everyWayALoadTestCanEndIsOnThePageAndCountsAgainstApproval() throws Exception {
        try (LoopbackServer server = LoopbackServer.start().route("/down", 503, "{}")) {
            Engine.run(EndingsTestCase.class, server.baseUrl(), reports, Map.of(BUILD_ID, "b7"));
        }

        String markdown = read(reports.resolve("index.md"));
        assertThat(markdown)
                .contains(
                        "**Tests**: 6, 5 failed (1 aborted, 1 error before the load, 1 skipped)  \n",
                        "**Approved for Production?** NO - 5 of 6 load tests did not pass\n");
        assertThat(rowOf(markdown, "passing")).contains("| ✓ passed |");
        assertThat(rowOf(markdown, "thresholdBroken")).contains("| ✗ failed |");
        assertThat(rowOf(markdown, "abortedEarly")).contains("| ✗ aborted |");
        assertThat(rowOf(markdown, "failsBeforeItsLoad")).contains("| ✗ error before the load | no load sent |");
        assertThat(rowOf(markdown, "assumedAway")).contains("| ✗ skipped | no load sent |");
        assertThat(rowOf(markdown, "failsAfterItsLoad")).contains("| ✗ failed |");
        assertThat(markdown)
                .contains(
                        "- SuitePagesTests.EndingsTestCase.failsBeforeItsLoad (error before the load):"
                                + " no fixture data\n",
                        "- SuitePagesTests.EndingsTestCase.failsAfterItsLoad (failed): clean-up failed\n",
                        "- SuitePagesTests.EndingsTestCase.thresholdBroken (failed): p95 latency ");

        // The same build as one file for CI: each test's status, what it broke by how much, and its files.
        JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
        assertThat(summary.get("build").asText()).isEqualTo("b7");
        assertThat(summary.get("passed").asBoolean()).isFalse();
        assertThat(summary.get("total").asLong()).isEqualTo(6);
        assertThat(summary.get("notPassed").asLong()).isEqualTo(5);
        assertThat(summary.get("approval").asText()).isEqualTo("rejected: 5 of 6 load tests did not pass");
        Map<String, JsonNode> tests = new java.util.HashMap<>();
        summary.get("tests")
                .forEach(test ->
                        tests.put(test.get("test").asText().replace("SuitePagesTests.EndingsTestCase.", ""), test));
        assertThat(tests.keySet())
                .containsExactlyInAnyOrder(
                        "passing",
                        "thresholdBroken",
                        "abortedEarly",
                        "failsBeforeItsLoad",
                        "assumedAway",
                        "failsAfterItsLoad");
        assertThat(tests.get("passing").get("status").asText()).isEqualTo("passed");
        assertThat(tests.get("passing").get("broken")).isEmpty();
        assertThat(tests.get("passing").get("files").get("json").asText())
                .isEqualTo("SuitePagesTests.EndingsTestCase.passing.json");
        JsonNode broken = tests.get("thresholdBroken").get("broken");
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).get("metric").asText()).isEqualTo("p95 latency");
        assertThat(broken.get(0).get("limit").asDouble()).isEqualTo(0.001);
        assertThat(broken.get(0).get("actual").asDouble()).isGreaterThan(0.001);
        assertThat(tests.get("thresholdBroken").get("message").asText()).startsWith("p95 latency ");
        assertThat(tests.get("failsBeforeItsLoad").get("status").asText()).isEqualTo("error before the load");
        assertThat(tests.get("failsBeforeItsLoad").get("files")).isEmpty();
        assertThat(tests.get("abortedEarly").get("status").asText()).isEqualTo("aborted");
    }

    private static String rowOf(String markdown, String method) {
        return markdown.lines()
                .filter(line -> line.contains("EndingsTestCase." + method + "]")
                        || line.startsWith("| SuitePagesTests.EndingsTestCase." + method + " "))
                .findFirst()
                .orElseThrow();
    }

    static class StubTargetTestCase {
        static String baseUrl;

        @RegisterExtension
        static final BeforeAllCallback target =
                context -> LoadTestTarget.publishStubBaseUrl(context, java.net.URI.create(baseUrl));

        @LoadTest(rps = 10, duration = "300ms")
        void stubbed(LoadHttp http) {
            http.get("/ok").expectStatus(200);
        }
    }

    static class PassAndConfigurationErrorTestCase {
        @LoadTest(rps = 10, duration = "300ms")
        void passing(LoadHttp http) {
            http.get("/ok").expectStatus(200);
        }

        @LoadTest(rps = 10, duration = "10x")
        void broken(LoadHttp http) {
            http.get("/never");
        }
    }

    static class PassingTestCase {
        @LoadTest(rps = 10, duration = "300ms")
        void passing(LoadHttp http) {
            http.get("/ok").expectStatus(200);
        }
    }

    static class BrokenTestCase {
        @LoadTest(rps = 10, duration = "10x")
        void broken(LoadHttp http) {
            http.get("/never");
        }
    }

    static class EndingsTestCase {
        @BeforeEach
        void setUp(TestInfo test) {
            String method = test.getTestMethod().orElseThrow().getName();
            if (method.equals("failsBeforeItsLoad")) {
                throw new IllegalStateException("no fixture data");
            }
            Assumptions.assumeFalse(method.equals("assumedAway"), "not on this machine");
        }

        @AfterEach
        void tearDown(TestInfo test) {
            if (test.getTestMethod().orElseThrow().getName().equals("failsAfterItsLoad")) {
                throw new IllegalStateException("clean-up failed");
            }
        }

        @LoadTest(rps = 10, duration = "300ms")
        void passing(LoadHttp http) {
            http.get("/ok");
        }

        @LoadTest(rps = 10, duration = "300ms")
        @P95Below(0.001)
        void thresholdBroken(LoadHttp http) {
            http.get("/ok");
        }

        @LoadTest(rps = 10, duration = "10s")
        @ErrorRateBelow(value = 1, abortOnFail = true)
        void abortedEarly(LoadHttp http) {
            http.get("/down");
        }

        @LoadTest(rps = 10, duration = "300ms")
        void failsBeforeItsLoad(LoadHttp http) {
            http.get("/ok");
        }

        @LoadTest(rps = 10, duration = "300ms")
        void assumedAway(LoadHttp http) {
            http.get("/ok");
        }

        @LoadTest(rps = 10, duration = "300ms")
        void failsAfterItsLoad(LoadHttp http) {
            http.get("/ok");
        }
    }
}
