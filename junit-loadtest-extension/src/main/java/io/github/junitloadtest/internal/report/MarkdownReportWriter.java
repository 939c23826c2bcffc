package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.EndpointResult;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.PhaseResult;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.record.TargetReadings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The factory guide's "Load Test Results Template", filled in from a result, ready to paste into a
 * release ticket.
 */
public final class MarkdownReportWriter {

    /** How far above what was due a second may go before the observations mention the pacing, in percent. */
    static final double BURST_PERCENT = 5;

    private MarkdownReportWriter() {}

    /**
     * Writes {@code <dir>/<test>.md}.
     *
     * @param result the result
     * @param dir the report folder
     * @return the file written
     */
    public static Path write(LoadTestResult result, Path dir) {
        return ReportFiles.writeString(dir.resolve(ReportFiles.safeName(result.test()) + ".md"), render(result));
    }

    static String render(LoadTestResult result) {
        LoadTestResult.Configuration config = result.configuration();
        LoadTestResult.Counts counts = result.counts();
        Map<Outcome, Long> outcomes = result.outcomes();
        StringBuilder out = new StringBuilder(4096);
        out.append("# Load Test Results: ").append(md(result.test())).append("\n\n");
        out.append("**Date**: ").append(date(result)).append("  \n");
        out.append("**Environment**: ")
                .append(
                        config.baseUrl().isEmpty()
                                ? "no base URL (absolute URLs or no HTTP)"
                                : md(config.baseUrl()) + (config.stubTarget() ? " (embedded stub)" : ""))
                .append("  \n");
        out.append("**Duration**: ")
                .append(
                        config.durationSeconds() < 60
                                ? Numbers.format(config.durationSeconds(), 3) + " s"
                                : Numbers.format(config.durationSeconds() / 60, 2) + " minutes")
                .append(
                        config.durationScale() == 1
                                ? ""
                                : " (durationScale " + Numbers.format(config.durationScale(), 4)
                                        + " of the declared durations)")
                .append(
                        config.rateScale() == 1
                                ? ""
                                : " (rateScale " + Numbers.format(config.rateScale(), 4) + " of the declared rates)")
                .append("  \n");
        if (!config.overrides().isEmpty()) {
            out.append("**Overridden from outside**: ")
                    .append(md(String.join(", ", config.overrides())))
                    .append("  \n");
        }
        out.append("**Tool**: junit-loadtest (JUnit 5), ")
                .append(config.model())
                .append(" model, ")
                .append(config.workers())
                .append(" worker threads\n\n");
        out.append("## Test Configuration\n\n");
        out.append("- Load: ")
                .append(config.load())
                .append(
                        config.warmupSeconds() > 0
                                ? ", warm-up " + Numbers.format(config.warmupSeconds(), 3) + " s"
                                : "")
                .append('\n');
        out.append("- Concurrent users: ")
                .append(
                        config.model().equals("closed")
                                ? "up to " + Numbers.format(peakUsers(config), 3) + " users, think time "
                                        + Numbers.format(config.thinkTimeSeconds(), 3) + " s"
                                : "open model, up to " + config.maxInFlight() + " requests in flight")
                .append('\n');
        out.append("- Total requests: ")
                .append(counts.scheduled())
                .append(" scheduled, ")
                .append(counts.sent())
                .append(" sent, ")
                .append(counts.dropped())
                .append(" dropped\n");
        out.append("- Duration: ")
                .append(Numbers.format(config.durationSeconds(), 3))
                .append(" s\n");
        out.append("- Endpoints tested: ")
                .append(
                        result.endpoints().isEmpty()
                                ? "none through LoadHttp"
                                : result.endpoints().stream()
                                        .map(endpoint -> md(endpoint.name()))
                                        .collect(Collectors.joining(", ")))
                .append("\n");
        out.append("- Load generators: ")
                .append(
                        result.shards().isEmpty()
                                ? "one"
                                : result.shards().size() + " of "
                                        + result.shards().get(0).count() + " shards of run "
                                        + md(result.shards().get(0).runId()) + ", started at "
                                        + result.shards().get(0).startAt())
                .append("\n\n");
        if (!result.shards().isEmpty()) {
            out.append("| Shard | Planned | Sent | Ready before the start | First arrival late by | Start |\n")
                    .append("|-------|---------|------|------------------------|-----------------------|-------|\n");
            for (LoadTestResult.ShardResult shard : result.shards()) {
                out.append("| ")
                        .append(shard.index())
                        .append('/')
                        .append(shard.count())
                        .append(" | ")
                        .append(shard.planned())
                        .append(" | ")
                        .append(shard.sent())
                        .append(" | ")
                        .append(Numbers.format(-shard.readyOffsetSeconds(), 3))
                        .append(" s | ")
                        .append(shard.sent() > 0 ? Numbers.format(shard.firstSendLateMillis(), 3) + " ms" : "–")
                        .append(" | ")
                        .append(shard.missedStart() ? "missed" : "on time")
                        .append(" |\n");
            }
            out.append('\n');
        }
        out.append("## Results\n\n### Response Times\n\n");
        out.append("Per iteration, one run of the test method's body with all its requests, corrected for coordinated"
                + " omission (from its intended start); service time in brackets. The HTML report has the"
                + " figures of each endpoint, per request.\n\n");
        out.append("- Average: ")
                .append(Figures.ms(result.corrected(), result.corrected().meanMillis()))
                .append(" (")
                .append(Figures.ms(result.serviceTime(), result.serviceTime().meanMillis()))
                .append(")\n");
        out.append("- Median (p50): ")
                .append(Figures.ms(result.corrected(), result.corrected().p50Millis()))
                .append(" (")
                .append(Figures.ms(result.serviceTime(), result.serviceTime().p50Millis()))
                .append(")\n");
        out.append("- p95: ")
                .append(Figures.ms(result.corrected(), result.corrected().p95Millis()))
                .append(" (")
                .append(Figures.ms(result.serviceTime(), result.serviceTime().p95Millis()))
                .append(")\n");
        out.append("- p99: ")
                .append(Figures.ms(result.corrected(), result.corrected().p99Millis()))
                .append(" (")
                .append(Figures.ms(result.serviceTime(), result.serviceTime().p99Millis()))
                .append(")\n\n");
        out.append("### Throughput\n\n");
        out.append("- Requests/second: ")
                .append(Numbers.format(result.achievedRps(), 2))
                .append(" sent, ")
                .append(Numbers.format(result.throughputRps(), 2))
                .append(" successful")
                .append(
                        result.requestedRps() > 0
                                ? " (requested " + Numbers.format(result.requestedRps(), 3) + ")"
                                : "")
                .append('\n');
        long httpRequests =
                result.endpoints().stream().mapToLong(EndpointResult::requests).sum();
        out.append("- Total requests: ")
                .append(counts.measured())
                .append(" iterations measured")
                .append(httpRequests > 0 ? ", " + httpRequests + " HTTP requests" : "")
                .append('\n');
        out.append("- Failed requests: ")
                .append(counts.failed())
                .append(" iterations (")
                .append(percent(errorRate(result)))
                .append(")\n\n");
        out.append("### Error Analysis\n\n");
        out.append("- 4xx errors: ")
                .append(outcomes.getOrDefault(Outcome.HTTP_4XX, 0L))
                .append('\n');
        out.append("- 5xx errors: ")
                .append(outcomes.getOrDefault(Outcome.HTTP_5XX, 0L))
                .append('\n');
        long timeouts = outcomes.entrySet().stream()
                .filter(entry -> entry.getKey().isTimeout())
                .mapToLong(Map.Entry::getValue)
                .sum();
        out.append("- Timeouts: ")
                .append(timeouts)
                .append(
                        timeouts == 0
                                ? ""
                                : " ("
                                        + outcomes.entrySet().stream()
                                                .filter(entry -> entry.getKey().isTimeout() && entry.getValue() > 0)
                                                .map(entry -> entry.getValue() + " " + entry.getKey())
                                                .collect(Collectors.joining(", "))
                                        + ")")
                .append('\n');
        String others = outcomes.entrySet().stream()
                .filter(entry -> entry.getValue() > 0
                        && !entry.getKey().isSuccess()
                        && entry.getKey() != Outcome.HTTP_4XX
                        && entry.getKey() != Outcome.HTTP_5XX
                        && !entry.getKey().isTimeout())
                .map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
        out.append("- Other failures: ")
                .append(others.isEmpty() ? "none" : others)
                .append('\n');
        result.errors().stream()
                .limit(5)
                .forEach(error -> out.append("  - ")
                        .append(error.count())
                        .append(" × ")
                        .append(error.outcome())
                        .append(": ")
                        .append(md(error.message()))
                        .append('\n'));
        out.append("\n### Resource Usage\n\n");
        resourceUsage(out, result);
        out.append("## Pass/Fail Criteria\n\n");
        out.append("| Metric | Target | Actual | Status |\n| ------ | ------ | ------ | ------ |\n");
        for (ThresholdResult threshold : result.thresholds()) {
            out.append("| ")
                    .append(md(threshold.metric()))
                    .append(threshold.scope().isEmpty() ? "" : " (" + md(threshold.scope()) + ")")
                    .append(" | ")
                    .append(
                            threshold.comparison().isEmpty()
                                    ? "–"
                                    : threshold.comparison()
                                            + Numbers.format(threshold.limit(), 3)
                                            + unit(threshold.unit()))
                    .append(" | ")
                    .append(CapacitySection.actual(result, threshold))
                    .append(" | ")
                    .append(threshold.passed() ? "✓" : "✗")
                    .append(" |\n");
        }
        if (result.requestedRps() > 0) {
            boolean delivered = result.generatorShortfall().isEmpty();
            out.append("| load delivered | ≥95 % of ")
                    .append(Numbers.format(result.requestedRps(), 3))
                    .append(" req/s | ")
                    .append(Numbers.format(result.achievedRps(), 2))
                    .append(" req/s | ")
                    .append(delivered ? "✓" : "✗")
                    .append(" |\n");
        }
        CapacitySection.markdownRow(out, result);
        if (result.thresholds().isEmpty()) {
            out.append("| (no threshold declared) | - | - | - |\n");
        }
        ComparisonSection.markdown(out, result.comparisons());
        CapacitySection.markdown(out, result);
        out.append("\n## Observations\n\n");
        observations(result).forEach(line -> out.append("- ").append(md(line)).append('\n'));
        out.append("\n## Recommendations\n\n");
        recommendations(result)
                .forEach(line -> out.append("- ").append(md(line)).append('\n'));
        out.append("\n## Approved for Production?\n\n").append(approvalBox(result));
        out.append("\nIssues:\n\n");
        List<String> issues = issues(result);
        if (issues.isEmpty()) {
            out.append("- None\n");
        }
        issues.forEach(issue -> out.append("- ").append(md(issue)).append('\n'));
        return out.toString();
    }

    /** The template's two boxes; on a scaled run or a stub only NO can be ticked, and YES is not offered. */
    private static String approvalBox(LoadTestResult result) {
        Approval approval = Approval.of(
                result.passed() ? 0 : 1,
                1,
                List.of(result.configuration().durationScale()),
                List.of(result.configuration().rateScale()),
                result.configuration().stubTarget());
        if (approval.approved()) {
            return "- [x] YES - All criteria met\n- [ ] NO - Issues found (list below)\n";
        }
        String notOffered = approval.notOfferedBecause().isEmpty()
                ? ""
                : "YES is " + approval.notOffered() + "; the figures say nothing about production.\n\n";
        return approval.rejected()
                ? notOffered + "- [x] NO - Issues found (list below)\n"
                : notOffered + "- [ ] NO - Issues found (list below)\n";
    }

    static List<String> observations(LoadTestResult result) {
        List<String> lines = new ArrayList<>();
        result.endpoints().stream()
                .filter(endpoint -> endpoint.corrected().count() > 0)
                .max(Comparator.comparingDouble(endpoint -> endpoint.corrected().p95Millis()))
                .filter(slowest -> result.endpoints().size() > 1)
                .ifPresent(slowest -> lines.add("Slowest endpoint: " + slowest.name() + " (p95 "
                        + Figures.ms(slowest.corrected(), slowest.corrected().p95Millis()) + ", " + slowest.requests()
                        + " requests)."));
        List<PhaseResult> phases = result.phases();
        if (!phases.isEmpty() && phases.get(0).corrected().count() > 0) {
            PhaseResult first = phases.get(0);
            for (PhaseResult phase : phases.subList(1, phases.size())) {
                double ratio = phase.corrected().p95Millis()
                        / Math.max(first.corrected().p95Millis(), 1e-3);
                if (ratio >= 2) {
                    lines.add("Phase " + phase.name() + ": p95 "
                            + Figures.ms(phase.corrected(), phase.corrected().p95Millis()) + ", "
                            + Numbers.format(ratio, 1) + "× the " + first.name() + " phase's "
                            + Figures.ms(first.corrected(), first.corrected().p95Millis())
                            + ".");
                }
            }
        }
        double lagP99 = result.schedulingLag().p99Millis();
        if (lagP99 > 10) {
            lines.add("The generator started 1 % of requests more than " + Numbers.ms(lagP99)
                    + " late (scheduling lag p99); its own load may have shaped the figures.");
        }
        LoadTestResult.Pacing pacing = result.pacing();
        if (pacing.busiestSecond() >= 0
                && (pacing.startedLate() > 0 || pacing.busiestSecondExcessPercent() > BURST_PERCENT)) {
            lines.add("Pacing: " + ConsoleSummary.pacing(pacing)
                    + "; a second above what was due is the generator catching up, a burst the plan did not ask for.");
        }
        if (result.counts().late() > 0) {
            lines.add(result.counts().late() + " arrivals found every worker busy and waited; their wait counts in the"
                    + " corrected latency.");
        }
        double gap = result.corrected().p99Millis() - result.serviceTime().p99Millis();
        if (gap > Math.max(10, 0.2 * result.serviceTime().p99Millis())) {
            lines.add("Corrected p99 exceeds service-time p99 by " + Numbers.ms(gap)
                    + ": requests queued behind slow ones.");
        }
        result.errors().stream()
                .findFirst()
                .ifPresent(error -> lines.add(
                        "Most frequent failure: " + error.count() + " × " + error.outcome() + ": " + error.message()));
        lines.addAll(result.notes());
        if (lines.isEmpty()) {
            lines.add("Nothing unusual: no failures, no queueing, the generator kept its schedule.");
        }
        return lines;
    }

    private static List<String> recommendations(LoadTestResult result) {
        List<String> lines = new ArrayList<>();
        for (ThresholdResult threshold : result.thresholds()) {
            if (!threshold.passed()) {
                lines.add("Investigate: " + threshold.message());
            }
        }
        if (!result.generatorShortfall().isEmpty()) {
            lines.add("Give the generator more room (maxInFlight, a bigger machine) and run again: "
                    + result.generatorShortfall());
        }
        if (lines.isEmpty()) {
            lines.add("None: all criteria met at this load.");
        }
        return lines;
    }

    private static List<String> issues(LoadTestResult result) {
        List<String> issues = new ArrayList<>();
        if (!result.aborted().isEmpty()) {
            issues.add(result.aborted());
        }
        if (!result.generatorShortfall().isEmpty()) {
            issues.add(result.generatorShortfall());
        }
        result.thresholds().stream()
                .filter(threshold -> !threshold.passed())
                .map(ThresholdResult::message)
                .forEach(issues::add);
        return issues;
    }

    private static double peakUsers(LoadTestResult.Configuration config) {
        return config.stages().stream()
                .mapToDouble(stage -> Math.max(stage.from(), stage.to()))
                .max()
                .orElse(0);
    }

    private static double errorRate(LoadTestResult result) {
        return result.counts().measured() == 0
                ? 0
                : 100.0 * result.counts().failed() / result.counts().measured();
    }

    private static String date(LoadTestResult result) {
        return result.startTime().length() >= 10 ? result.startTime().substring(0, 10) : result.startTime();
    }

    private static String percent(double value) {
        return Numbers.format(value, 3) + " %";
    }

    /** User text made safe for a Markdown table cell or list item: no markup, no line breaks, no cell breaks. */
    static String md(String text) {
        StringBuilder safe = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r', '\n' -> safe.append(' ');
                case '|', '\\', '[', ']', '*', '_', '`' -> safe.append('\\').append(c);
                case '<' -> safe.append("&lt;");
                case '>' -> safe.append("&gt;");
                case '&' -> safe.append("&amp;");
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }

    private static String unit(String unit) {
        return unit.isEmpty() ? "" : unit.equals("%") ? " %" : " " + unit;
    }

    /** How to have the service's own figures, where the template would otherwise keep its placeholders. */
    static final String HOW_TO_READ_THE_SERVICE = "set -D" + LoadTest.TARGET_METRICS_PROPERTY_NAME
            + "=<the service's Prometheus endpoint, for example http://localhost:8080/actuator/prometheus>";

    /**
     * The template's resource rows from the service's own metrics when its endpoint was read, each with
     * the metric it came from; else what is missing and how to have it. The generator's own use follows.
     */
    private static void resourceUsage(StringBuilder out, LoadTestResult result) {
        LoadTestResult.TargetUsage target = result.target();
        if (!target.configured()) {
            out.append("The service's own metrics were not read; ")
                    .append(HOW_TO_READ_THE_SERVICE)
                    .append(".\n\n");
            out.append("- Peak CPU: not measured on the service\n");
            out.append("- Peak memory: not measured on the service\n");
            out.append("- Database queries: not measured on the service\n");
            out.append("- Average query time: not measured on the service\n");
        } else {
            out.append("From the service's own metrics at ")
                    .append(md(target.source()))
                    .append(", read ")
                    .append(target.scrapes())
                    .append(target.scrapes() == 1 ? " time" : " times")
                    .append(" (before the load, every interval and after it)")
                    .append(
                            target.failedScrapes() > 0
                                    ? "; " + target.failedScrapes() + " readings failed, the first: "
                                            + md(target.problem())
                                    : "")
                    .append(".\n\n");
            Double cores = target.peakCores();
            Double perThousand = target.cpuSecondsPerThousandRequests();
            Double memory = target.peakMemoryMiB();
            Long queries = target.queries();
            Double meanQuery = target.meanQueryMillis();
            out.append("- Peak CPU: ")
                    .append(
                            cores == null
                                    ? "not exposed (" + lookedFor(TargetReadings.CPU_METRICS) + ")"
                                    : Numbers.format(cores, 2) + " cores"
                                            + (perThousand == null
                                                    ? ""
                                                    : ", " + Numbers.format(perThousand, 3)
                                                            + " CPU seconds per 1000 requests")
                                            + " (`" + target.cpuMetric() + "`)")
                    .append('\n');
            out.append("- Peak memory: ")
                    .append(
                            memory == null
                                    ? "not exposed (" + lookedFor(TargetReadings.MEMORY_METRICS) + ")"
                                    : Numbers.format(memory, 1) + " MiB (`" + target.memoryMetric() + "`)")
                    .append('\n');
            out.append("- Database queries: ")
                    .append(
                            queries == null
                                    ? "not exposed (" + lookedFor(TargetReadings.QUERY_TIMERS)
                                            + "; name another with -D" + LoadTest.TARGET_METRICS_QUERIES_PROPERTY_NAME
                                            + ")"
                                    : queries + " (`" + target.queryMetric() + "_count`)")
                    .append('\n');
            out.append("- Average query time: ")
                    .append(
                            meanQuery == null
                                    ? queries == null ? "not exposed" : "no queries"
                                    : Numbers.ms(meanQuery) + " (`" + target.queryMetric() + "_sum` / `_count`)")
                    .append('\n');
        }
        out.append("- Load generator: peak CPU ")
                .append(Numbers.format(result.generator().peakCpuPercent(), 1))
                .append(" % of ")
                .append(result.generator().cores())
                .append(" cores, heap ")
                .append(Numbers.format(result.generator().peakHeapMiB(), 1))
                .append(" MiB\n\n");
    }

    /** The metrics looked for, in words: {@code looked for `a`, `b`}. */
    private static String lookedFor(List<String> metrics) {
        return metrics.stream().map(metric -> "`" + metric + "`").collect(Collectors.joining(", ", "looked for ", ""));
    }
}
