package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.junitloadtest.internal.record.IntervalLog;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.internal.report.SnapshotFile;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short load test, then every file it leaves behind, read back as a user's tools would. */
class ReportsTests {

    private static final String ID = "ReportsTests.ReportedTestCase.reported";

    @TempDir
    static Path reports;

    private static LoadTestResult result;

    @BeforeAll
    static void runOneLoadTest() {
        try (LoopbackServer server =
                LoopbackServer.start().slowRoute("/api/slow", 30).route("/api/missing", 404, "{}")) {
            Engine.run(ReportedTestCase.class, server.baseUrl(), reports);
        }
        result = JsonReportWriter.read(reports.resolve(ID + ".json"));
    }

    @Test
    void theIntervalLogReadsBackWithHdrHistogramAndMatchesTheJson() throws Exception {
        Histogram corrected = new Histogram(3);
        Histogram service = new Histogram(3);
        int intervals = 0;
        try (FileInputStream in =
                new FileInputStream(reports.resolve(ID + ".hlog").toFile())) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                Histogram histogram = (Histogram) interval;
                (IntervalLog.CORRECTED.equals(histogram.getTag()) ? corrected : service).add(histogram);
                intervals++;
            }
        }
        assertThat(intervals).isGreaterThanOrEqualTo(2 * 3);
        assertThat(corrected.getTotalCount())
                .isEqualTo(result.corrected().count())
                .isEqualTo(60);
        assertThat(service.getTotalCount()).isEqualTo(result.serviceTime().count());
        assertThat(corrected.getValueAtPercentile(95) / 1000.0)
                .isEqualTo(result.corrected().p95Millis());
    }

    @Test
    void theSnapshotFileHoldsEverythingTheResultWasMadeFrom() {
        RunSnapshot snapshot = SnapshotFile.read(reports.resolve("snapshots").resolve(ID + ".json"));

        assertThat(snapshot.identity().test()).isEqualTo(ID);
        assertThat(snapshot.identity().configuration()).isEqualTo(result.configuration());
        assertThat(snapshot.recording().corrected().summary()).isEqualTo(result.corrected());
        assertThat(snapshot.recording().service().summary()).isEqualTo(result.serviceTime());
        assertThat(snapshot.recording().outcomes()).isEqualTo(result.outcomes());
        assertThat(snapshot.timeline()).isEqualTo(result.timeline());
        assertThat(snapshot.start().toString()).isEqualTo(result.startTime());
        assertThat(snapshot.accounting().sent()).isEqualTo(result.counts().sent());
        // The results of a report folder are its *.json files; the snapshot is not one of them.
        assertThat(reports.resolve(ID + ".snapshot.json")).doesNotExist();
    }

    @Test
    void theConsoleNamesEachFigureAsThePagesDo() {
        String console = io.github.junitloadtest.internal.report.ConsoleSummary.render(result, java.util.List.of());

        assertThat(console).contains("\n  scheduling lag ").doesNotContain("start lag");
        assertThat(console).contains("\n  requests     " + result.counts().requestsSent() + " sent");
    }

    @Test
    void theConsoleNamesTheReportFilesOfATestOnOneLine() {
        java.nio.file.Path dir = reports.toAbsolutePath().normalize();
        String console = io.github.junitloadtest.internal.report.ConsoleSummary.render(
                result,
                java.util.List.of(
                        dir.resolve(ID + ".json"),
                        dir.resolve(ID + ".md"),
                        dir.resolve(ID + ".html"),
                        dir.resolve(ID + ".hlog"),
                        dir.resolve("snapshots").resolve(ID + ".json")));

        // One line for the report folder: its path once, then the test's files in it and the suite page.
        assertThat(console)
                .contains("\n  reports      " + dir + java.io.File.separator + " " + ID
                        + ".{json,md,html,hlog}, snapshots" + java.io.File.separator + ID + ".json, index.html\n");
        assertThat(console.lines().filter(line -> line.contains(dir.toString())))
                .hasSize(1);
    }

    @Test
    void theMarkdownFillsEveryFieldOfTheGuidesTemplate() throws Exception {
        String markdown = Files.readString(reports.resolve(ID + ".md"), StandardCharsets.UTF_8);

        // The guide's placeholders look like [DATE], [NUMBER], [MS], [✓/✗]: none may be left.
        assertThat(Pattern.compile("\\[(?:[A-Z][A-Z/|_ ]*|✓/✗)\\]")
                        .matcher(markdown)
                        .find())
                .as(markdown)
                .isFalse();
        for (String field : new String[] {
            "**Date**: ",
            "**Environment**: ",
            "**Duration**: ",
            "**Tool**: ",
            "- Concurrent users: ",
            "- Total requests: ",
            "- Endpoints tested: ",
            "- Average: ",
            "- Median (p50): ",
            "- p95: ",
            "- p99: ",
            "- Requests/second: ",
            "- Failed requests: ",
            "- 4xx errors: ",
            "- 5xx errors: ",
            "- Timeouts: ",
            "- Peak CPU: ",
            "- Peak memory: ",
            "## Pass/Fail Criteria",
            "## Observations",
            "## Recommendations",
            "## Approved for Production?"
        }) {
            assertThat(markdown).contains(field);
        }
        assertThat(markdown)
                .contains("- 4xx errors: 20\n", "- Endpoints tested: GET /api/fast, GET /api/missing, GET /api/slow");
        assertThat(markdown)
                .as("a duration under a minute in seconds, not as a fraction of a minute")
                .contains("**Duration**: 3 s  \n");
        assertThat(markdown)
                .contains("| p95 latency | <500 ms | "
                        + io.github.junitloadtest.internal.format.Numbers.format(
                                result.corrected().p95Millis(), 3) + " ms | ✓ |");
        assertThat(markdown).contains("| error rate | <1 % | 33.333 % | ✗ |");
        assertThat(markdown).contains("Slowest endpoint: GET /api/slow");
        assertThat(markdown).contains("- [x] NO - Issues found");
        assertThat(Files.readString(reports.resolve("index.md"))).contains("[" + ID + "](" + ID + ".md) | ✗ failed |");
    }

    @Test
    void theHtmlReportCarriesTheDataSeriesTheVerdictsAndItsOwnChartLibrary() throws Exception {
        String html = Files.readString(reports.resolve(ID + ".html"), StandardCharsets.UTF_8);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html)
                .contains(
                        "<span class=\"verdict failed\">FAILED</span>",
                        "<td class=\"bad\">✗ failed</td>",
                        "<td class=\"ok\">✓ passed</td>",
                        "id=\"chart-latency\"",
                        "id=\"chart-spectrum\"");
        // Everything inline: no script or style is loaded from elsewhere.
        assertThat(html).contains("uPlot").doesNotContain("<script src=", "<link ");
        Matcher data = Pattern.compile(
                        "<script id=\"result-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(data.find()).isTrue();
        JsonNode embedded = new ObjectMapper().readTree(data.group(1));
        assertThat(embedded.get("test").asText()).isEqualTo(ID);
        assertThat(embedded.get("timeline")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(embedded.get("correctedSpectrum")).isNotEmpty();
        assertThat(embedded.get("phases")).hasSize(2);
        assertThat(Files.readString(reports.resolve("index.html"))).contains("href=\"" + ID + ".html\"");
    }

    @Test
    void theJsonHasTheTimelinePhasesSpectrumAndGeneratorUsage() {
        assertThat(result.timeline()).isNotEmpty();
        assertThat(result.timeline().stream()
                        .mapToLong(TimelinePoint::iterations)
                        .sum())
                .isEqualTo(60);
        assertThat(result.timeline().stream()
                        .mapToLong(point -> point.failuresByOutcome().getOrDefault(Outcome.HTTP_4XX, 0L))
                        .sum())
                .isEqualTo(20);
        assertThat(result.phases()).extracting(PhaseResult::name).containsExactly("first", "second");
        assertThat(result.correctedSpectrum()
                        .get(result.correctedSpectrum().size() - 1)
                        .percentile())
                .isEqualTo(100.0);
        assertThat(result.generator().cores()).isPositive();
        assertThat(result.generator().peakHeapMiB()).isPositive();
        // Every arrival was due in one second of the run and went out in one.
        assertThat(result.pacing().duePerSecond().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(result.counts().scheduled());
        assertThat(result.pacing().sentPerSecond().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(result.counts().sent());
        assertThat(result.pacing().busiestSecond())
                .isBetween(0, result.pacing().sentPerSecond().size() - 1);
    }

    @Test
    void theTimelineIntervalCanBeLonger(@TempDir Path elsewhere) {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(
                    IntervalTestCase.class,
                    server.baseUrl(),
                    elsewhere,
                    java.util.Map.of(LoadTest.TIMELINE_INTERVAL_PROPERTY_NAME, "2s"));
        }
        LoadTestResult intervals =
                JsonReportWriter.read(elsewhere.resolve("ReportsTests.IntervalTestCase.twoSeconds.json"));

        assertThat(intervals.timeline()).hasSize(2);
        assertThat(intervals.timeline().get(0).endSeconds()).isBetween(1.9, 2.5);
        assertThat(intervals.timeline().get(0).iterations()).isBetween(35L, 45L);
    }

    @Test
    void userTextCannotBreakTheMarkdownTablesOrInjectMarkup(@TempDir Path elsewhere) throws Exception {
        try (LoopbackServer server = LoopbackServer.start().route("/html", 200, "<html><b>down</b></html>")) {
            Engine.run(MarkupTestCase.class, server.baseUrl(), elsewhere);
        }
        String markdown = Files.readString(elsewhere.resolve("ReportsTests.MarkupTestCase.markup.md"));

        String row = markdown.lines()
                .filter(line -> line.startsWith("| p95 latency (endpoint search a"))
                .findFirst()
                .orElseThrow();
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count())
                .as(row)
                .isEqualTo(5);
        assertThat(markdown).doesNotContain("<b>down</b>").contains("&lt;b&gt;down&lt;/b&gt;");
    }

    @Test
    void aReportThatCannotBeWrittenDoesNotReplaceTheVerdict(@TempDir Path elsewhere) throws Exception {
        Files.createDirectories(elsewhere.resolve("ReportsTests.UnwritableTestCase.unwritable.html"));
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(UnwritableTestCase.class, server.baseUrl(), elsewhere)
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            org.junit.platform.testkit.engine.EventConditions.event(
                                    org.junit.platform.testkit.engine.EventConditions.test("unwritable"),
                                    org.junit.platform.testkit.engine.EventConditions.finishedWithFailure(
                                            org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf(
                                                    org.opentest4j.AssertionFailedError.class),
                                            org.junit.platform.testkit.engine.TestExecutionResultConditions.message(
                                                    m -> m.startsWith("p95 latency ")),
                                            // Beside a note on generator lag, which a busy machine may add first.
                                            new org.assertj.core.api.Condition<Throwable>(
                                                    failure -> java.util.Arrays.stream(failure.getSuppressed())
                                                            .anyMatch(java.io.UncheckedIOException.class::isInstance),
                                                    "a suppressed UncheckedIOException"))));
        }
    }

    @Test
    void testsInheritedByTwoClassesWriteTwoResults(@TempDir Path elsewhere) {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(FirstSubclassTestCase.class, server.baseUrl(), elsewhere);
            Engine.run(SecondSubclassTestCase.class, server.baseUrl(), elsewhere);
        }
        assertThat(elsewhere.resolve("ReportsTests.FirstSubclassTestCase.inherited.json"))
                .exists();
        assertThat(elsewhere.resolve("ReportsTests.SecondSubclassTestCase.inherited.json"))
                .exists();
        assertThat(io.github.junitloadtest.internal.report.ReportFiles.safeName("Tests.größe"))
                .isNotEqualTo(io.github.junitloadtest.internal.report.ReportFiles.safeName("Tests.grüße"));
    }

    static class MarkupTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        @P95Below(value = 500, perEndpoint = true)
        void markup(LoadHttp http) {
            http.send(
                    "search a|b",
                    java.net.http.HttpRequest.newBuilder(http.uri("/search")).build());
            http.get("/html").expectJson();
        }
    }

    static class UnwritableTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        @P95Below(0.001)
        void unwritable(LoadHttp http) {
            http.get("/any");
        }
    }

    abstract static class InheritedLoadTestCase {
        @LoadTest(rps = 10, duration = "300ms")
        void inherited(LoadHttp http) {
            http.get("/inherited");
        }
    }

    static class FirstSubclassTestCase extends InheritedLoadTestCase {}

    static class SecondSubclassTestCase extends InheritedLoadTestCase {}

    static class IntervalTestCase {
        @LoadTest(rps = 20, duration = "4s")
        void twoSeconds(LoadHttp http) {
            http.get("/interval").expectStatus(200);
        }
    }

    static class ReportedTestCase {
        private final java.util.concurrent.atomic.AtomicInteger iterations =
                new java.util.concurrent.atomic.AtomicInteger();

        @LoadTest(
                stages = {
                    @Stage(name = "first", duration = "1500ms", from = 20, rps = 20),
                    @Stage(name = "second", duration = "1500ms", rps = 20)
                })
        @P95Below(500)
        @ErrorRateBelow(1)
        void reported(LoadHttp http) {
            http.get("/api/fast").expectStatus(200);
            http.get("/api/slow").expectStatus(200);
            if (iterations.incrementAndGet() % 3 == 0) {
                http.get("/api/missing");
            }
        }
    }
}
