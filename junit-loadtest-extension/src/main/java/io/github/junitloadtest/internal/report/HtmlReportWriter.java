package io.github.junitloadtest.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.junitloadtest.api.CheckResult;
import io.github.junitloadtest.api.EndpointResult;
import io.github.junitloadtest.api.ErrorSample;
import io.github.junitloadtest.api.LatencySummary;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.PhaseResult;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.format.Numbers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A self-contained HTML page per load test: verdicts and tables, and charts of latency, throughput and
 * errors over time and of the percentile spectrum. The chart library (uPlot) and the data are inlined,
 * so the file opens offline and fetches nothing.
 */
public final class HtmlReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCES = "/io/github/junitloadtest/internal/report/";

    private HtmlReportWriter() {}

    /**
     * Writes {@code <dir>/<test>.html}.
     *
     * @param result the result
     * @param dir the report folder
     * @return the file written
     */
    public static Path write(LoadTestResult result, Path dir) {
        return ReportFiles.writeString(dir.resolve(ReportFiles.safeName(result.test()) + ".html"), render(result));
    }

    static String render(LoadTestResult result) {
        StringBuilder out = new StringBuilder(120_000);
        head(out, "Load test " + result.test(), true);
        out.append("<h1>")
                .append(escape(result.test()))
                .append(" <span class=\"verdict ")
                .append(result.passed() ? "passed\">PASSED" : "failed\">FAILED")
                .append("</span></h1>\n");
        LoadTestResult.Configuration config = result.configuration();
        out.append("<p class=\"muted\">")
                .append(escape(config.model()))
                .append(" model, ")
                .append(escape(config.load()))
                .append(config.baseUrl().isEmpty() ? "" : ", target " + escape(config.baseUrl()))
                .append(config.stubTarget() ? " (embedded stub)" : "")
                .append(
                        config.durationScale() == 1
                                ? ""
                                : ", durationScale " + Numbers.format(config.durationScale(), 4))
                .append(config.rateScale() == 1 ? "" : ", rateScale " + Numbers.format(config.rateScale(), 4))
                .append(", started ")
                .append(escape(Numbers.instant(result.startTime())))
                .append("</p>\n");
        if (!config.overrides().isEmpty()) {
            out.append("<p class=\"muted\">Overridden from outside: ")
                    .append(escape(String.join(", ", config.overrides())))
                    .append("</p>\n");
        }
        for (String problem : List.of(result.aborted(), result.generatorShortfall())) {
            if (!problem.isEmpty()) {
                out.append("<p class=\"note bad\">").append(escape(problem)).append("</p>\n");
            }
        }
        result.notes()
                .forEach(note ->
                        out.append("<p class=\"note\">").append(escape(note)).append("</p>\n"));
        thresholds(out, result);
        ComparisonSection.html(out, result.comparisons());
        CapacitySection.html(out, result);
        out.append(
                "<h2>Summary</h2>\n<table><tr><th></th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th>"
                        + "<th>max</th><th>mean</th><th>n</th></tr>\n");
        latencyRow(out, "corrected", result.corrected());
        latencyRow(out, "service time", result.serviceTime());
        latencyRow(out, "scheduling lag", result.schedulingLag());
        LoadTestResult.Counts counts = result.counts();
        out.append("</table>\n<p>")
                .append(counts.scheduled())
                .append(" scheduled, ")
                .append(counts.sent())
                .append(" sent, ")
                .append(counts.dropped())
                .append(" dropped, ")
                .append(counts.late())
                .append(" late, ")
                .append(counts.measured())
                .append(" measured, ")
                .append(counts.failed())
                .append(" failed; achieved ")
                .append(Numbers.format(result.achievedRps(), 2))
                .append(" req/s, throughput ")
                .append(Numbers.format(result.throughputRps(), 2))
                .append(" successful/s; generator peak CPU ")
                .append(Numbers.format(result.generator().peakCpuPercent(), 1))
                .append(" %, heap ")
                .append(Numbers.format(result.generator().peakHeapMiB(), 1))
                .append(" MiB")
                .append(
                        result.pacing().busiestSecond() >= 0
                                ? "; pacing: " + escape(ConsoleSummary.pacing(result.pacing()))
                                : "")
                .append(".</p>\n");
        out.append("<p>Service: ")
                .append(
                        result.target().configured()
                                ? escape(ConsoleSummary.target(result.target()))
                                : "its own metrics were not read; "
                                        + escape(MarkdownReportWriter.HOW_TO_READ_THE_SERVICE))
                .append(".</p>\n");
        out.append("""
                <h2>Over time</h2>
                <div id="chart-latency" class="chart"></div>
                <div id="chart-throughput" class="chart"></div>
                <div id="chart-errors" class="chart"></div>
                <h2>Percentile spectrum</h2>
                <div id="chart-spectrum" class="chart"></div>
                """);
        endpoints(out, result.endpoints());
        phases(out, result.phases());
        shards(out, result.shards());
        checks(out, result.checks());
        errors(out, result.errors());
        out.append("<script>").append(resource("uplot.js")).append("</script>\n");
        out.append("<script id=\"result-data\" type=\"application/json\">")
                .append(json(result))
                .append("</script>\n");
        out.append("<script>").append(resource("report.js")).append("</script>\n");
        out.append("<script>").append(resource("layout.js")).append("</script>\n</body>\n</html>\n");
        return scrollingTables(out.toString());
    }

    /** Each table in a box of its own that scrolls sideways, so that no page is wider than a phone. */
    static String scrollingTables(String html) {
        return html.replace("<table", "<div class=\"scroll\"><table").replace("</table>", "</table></div>");
    }

    static void head(StringBuilder out, String title, boolean charts) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>")
                .append(charts ? resource("uplot.css") : "")
                .append(resource("report.css"))
                .append("</style>\n</head>\n<body>\n");
    }

    private static void thresholds(StringBuilder out, LoadTestResult result) {
        List<ThresholdResult> thresholds = result.thresholds();
        out.append("<h2>Thresholds</h2>\n");
        if (thresholds.isEmpty()) {
            out.append("<p class=\"muted\">No threshold declared.</p>\n");
            return;
        }
        out.append(
                "<table><tr><th>Metric</th><th>Scope</th><th>Limit</th><th>Actual</th><th>Verdict</th><th>Detail</th></tr>\n");
        for (ThresholdResult threshold : thresholds) {
            out.append("<tr><td>")
                    .append(escape(threshold.metric()))
                    .append("</td><td>")
                    .append(escape(threshold.scope().isEmpty() ? "whole run" : threshold.scope()))
                    .append("</td>")
                    .append(num(
                            threshold.comparison().isEmpty()
                                    ? "–"
                                    : threshold.comparison() + " " + Numbers.format(threshold.limit(), 3) + " "
                                            + threshold.unit()))
                    .append(num(CapacitySection.actual(result, threshold)))
                    .append(verdictCell(threshold.passed()))
                    .append("<td>")
                    .append(escape(threshold.message()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void endpoints(StringBuilder out, List<EndpointResult> endpoints) {
        if (endpoints.isEmpty()) {
            return;
        }
        out.append("<h2>Endpoints</h2>\n<p class=\"muted\">Per request: its service time, from sending it to its last"
                + " byte. The summary's figures are per iteration, every request of one run of the method's"
                + " body, from its intended start.</p>\n<table><tr><th>Endpoint</th><th>Requests</th><th>p50</th><th>p95</th><th>p99</th>"
                + "<th>Headers p95</th><th>2xx</th><th>3xx</th><th>4xx</th><th>5xx</th><th>Timeouts</th>"
                + "<th>Connection</th><th>Resets</th><th>Failed</th></tr>\n");
        for (EndpointResult endpoint : endpoints) {
            out.append("<tr><td>")
                    .append(escape(endpoint.name()))
                    .append("</td>")
                    .append(num(endpoint.requests()))
                    .append(num(Figures.ms(
                            endpoint.corrected(), endpoint.corrected().p50Millis())))
                    .append(num(Figures.ms(
                            endpoint.corrected(), endpoint.corrected().p95Millis())))
                    .append(num(Figures.ms(
                            endpoint.corrected(), endpoint.corrected().p99Millis())))
                    .append(num(Figures.ms(
                            endpoint.timeToHeaders(), endpoint.timeToHeaders().p95Millis())))
                    .append(num(endpoint.status2xx()))
                    .append(num(endpoint.status3xx()))
                    .append(num(endpoint.status4xx()))
                    .append(num(endpoint.status5xx()))
                    .append(num(endpoint.timeouts()))
                    .append(num(endpoint.connectionErrors()))
                    .append(num(endpoint.resets()))
                    .append(num(endpoint.failed()))
                    .append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private static void phases(StringBuilder out, List<PhaseResult> phases) {
        if (phases.isEmpty()) {
            return;
        }
        out.append(
                "<h2>Phases</h2>\n<table><tr><th>Phase</th><th>From</th><th>To</th><th>Iterations</th><th>Failed</th>"
                        + "<th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>\n");
        for (PhaseResult phase : phases) {
            out.append("<tr><td>")
                    .append(escape(phase.name()))
                    .append("</td>")
                    .append(num(Numbers.format(phase.startSeconds(), 1) + " s"))
                    .append(num(Numbers.format(phase.endSeconds(), 1) + " s"))
                    .append(num(phase.iterations()))
                    .append(num(phase.failed()))
                    .append(num(Figures.ms(phase.corrected(), phase.corrected().p50Millis())))
                    .append(num(Figures.ms(phase.corrected(), phase.corrected().p95Millis())))
                    .append(num(Figures.ms(phase.corrected(), phase.corrected().p99Millis())))
                    .append(num(Figures.ms(phase.corrected(), phase.corrected().maxMillis())))
                    .append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private static void shards(StringBuilder out, List<LoadTestResult.ShardResult> shards) {
        if (shards.isEmpty()) {
            return;
        }
        out.append("<h2>Load generators</h2>\n<table><tr><th>Shard</th><th>Planned</th><th>Sent</th>"
                + "<th>Ready before the start</th><th>First arrival late by</th><th>Start</th></tr>\n");
        for (LoadTestResult.ShardResult shard : shards) {
            out.append("<tr><td>")
                    .append(shard.index())
                    .append('/')
                    .append(shard.count())
                    .append("</td>")
                    .append(num(shard.planned()))
                    .append(num(shard.sent()))
                    .append(num(Numbers.format(-shard.readyOffsetSeconds(), 3) + " s"))
                    .append(num(shard.sent() > 0 ? Numbers.format(shard.firstSendLateMillis(), 3) + " ms" : "–"))
                    .append("<td>")
                    .append(shard.missedStart() ? "missed" : "on time")
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void checks(StringBuilder out, List<CheckResult> checks) {
        if (checks.isEmpty()) {
            return;
        }
        out.append("<h2>Checks</h2>\n<table><tr><th>Check</th><th>Passed</th><th>Failed</th><th>Pass rate</th></tr>\n");
        for (CheckResult check : checks) {
            out.append("<tr><td>")
                    .append(escape(check.name()))
                    .append("</td>")
                    .append(num(check.passes()))
                    .append(num(check.failures()))
                    .append(num(Numbers.format(check.passRate(), 2) + " %"))
                    .append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private static void errors(StringBuilder out, List<ErrorSample> errors) {
        if (errors.isEmpty()) {
            return;
        }
        out.append("<h2>Errors</h2>\n<table><tr><th>Count</th><th>Outcome</th><th>Message</th></tr>\n");
        for (ErrorSample error : errors) {
            out.append("<tr>")
                    .append(num(error.count()))
                    .append("<td>")
                    .append(error.outcome())
                    .append("</td><td>")
                    .append(escape(error.message()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void latencyRow(StringBuilder out, String label, LatencySummary summary) {
        out.append("<tr><th>")
                .append(label)
                .append("</th>")
                .append(num(Figures.ms(summary, summary.p50Millis())))
                .append(num(Figures.ms(summary, summary.p90Millis())))
                .append(num(Figures.ms(summary, summary.p95Millis())))
                .append(num(Figures.ms(summary, summary.p99Millis())))
                .append(num(Figures.ms(summary, summary.p999Millis())))
                .append(num(Figures.ms(summary, summary.maxMillis())))
                .append(num(Figures.ms(summary, summary.meanMillis())))
                .append(num(summary.count()))
                .append("</tr>\n");
    }

    private static String verdictCell(boolean passed) {
        return passed ? "<td class=\"ok\">✓ passed</td>" : "<td class=\"bad\">✗ failed</td>";
    }

    static String num(Object value) {
        return "<td class=\"num\">" + escape(String.valueOf(value)) + "</td>";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String json(LoadTestResult result) {
        try {
            // No "<" at all inside the script element: "</script" would end it and "<!--<script" would make the
            // parser swallow what follows; JSON reads its escape the same.
            return JSON.writeValueAsString(ResultJson.tree(JSON, result)).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write the result as JSON", e);
        }
    }

    static String resource(String name) {
        String path = switch (name) {
            case "uplot.js" -> "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.iife.min.js";
            case "uplot.css" -> "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.min.css";
            default -> RESOURCES + name;
        };
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    private static String uplotVersion() {
        Properties properties = new Properties();
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream(RESOURCES + "report.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCES + "report.properties");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("uplot.version");
    }
}
