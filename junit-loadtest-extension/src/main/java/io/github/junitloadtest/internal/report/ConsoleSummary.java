package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.CheckResult;
import io.github.junitloadtest.api.EndpointResult;
import io.github.junitloadtest.api.ErrorSample;
import io.github.junitloadtest.api.LatencySummary;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.PhaseResult;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.format.Numbers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The end-of-test summary printed to the console, and its key figures as JUnit report entries. */
public final class ConsoleSummary {

    private ConsoleSummary() {}

    /**
     * Renders the summary.
     *
     * @param result the result
     * @param reportFiles the files written for it
     * @return the text, several lines
     */
    public static String render(LoadTestResult result, List<Path> reportFiles) {
        StringBuilder out = new StringBuilder(2048);
        LoadTestResult.Configuration config = result.configuration();
        LoadTestResult.Counts counts = result.counts();
        out.append("\n  load test ")
                .append(result.test())
                .append("  ")
                .append(result.passed() ? "PASSED" : "FAILED")
                .append('\n');
        if (result.capacity() != null) {
            capacity(out, result.capacity());
            line(out, "at capacity", "the figures below are the step at " + Numbers.rate(result.requestedRps()));
        }
        line(
                out,
                "load",
                config.model() + " model, " + config.load()
                        + (config.warmupSeconds() > 0
                                ? " (warm-up " + Numbers.format(config.warmupSeconds(), 3) + " s)"
                                : "")
                        + ", timeout " + Numbers.format(config.timeoutSeconds(), 3) + " s, maxInFlight "
                        + config.maxInFlight()
                        + ", " + config.workers() + " threads"
                        + (config.durationScale() != 1
                                ? ", duration scale " + Numbers.format(config.durationScale(), 4)
                                : "")
                        + (config.rateScale() != 1 ? ", rate scale " + Numbers.format(config.rateScale(), 4) : "")
                        + (config.overrides().isEmpty()
                                ? ""
                                : ", overridden: " + String.join(", ", config.overrides())));
        line(
                out,
                "arrivals",
                "scheduled " + counts.scheduled() + ", sent " + counts.sent() + ", dropped " + counts.dropped()
                        + ", late " + counts.late() + ", warm-up " + counts.warmup());
        if (result.pacing().busiestSecond() >= 0) {
            line(out, "pacing", pacing(result.pacing()));
        }
        if (result.target().configured()) {
            line(out, "service", target(result.target()));
        }
        line(
                out,
                "requests",
                counts.requestsSent() + " sent"
                        + (counts.requestsNotSent() > 0
                                ? ", " + counts.requestsNotSent() + " not sent (no connection, or stopped with the run)"
                                : "")
                        + (counts.requestsRefused() > 0 ? ", " + counts.requestsRefused() + " refused" : ""));
        line(
                out,
                "rate",
                "achieved " + Numbers.format(result.achievedRps(), 2) + " req/s"
                        + (result.requestedRps() > 0 ? " of " + Numbers.format(result.requestedRps(), 3) : "")
                        + ", throughput " + Numbers.format(result.throughputRps(), 2) + " successful/s");
        line(out, "iterations", counts.measured() + " measured, " + counts.failed() + " failed" + outcomes(result));
        out.append(String.format(
                Locale.ROOT,
                "  %-22s %9s %9s %9s %9s %9s %9s %9s %8s%n",
                "latency (ms)",
                "p50",
                "p90",
                "p95",
                "p99",
                "p99.9",
                "max",
                "mean",
                "n"));
        latencyRow(out, "corrected", result.corrected());
        latencyRow(out, "service time", result.serviceTime());
        latencyRow(out, "scheduling lag", result.schedulingLag());
        if (!result.phases().isEmpty()) {
            out.append("  phases\n");
            for (PhaseResult phase : result.phases()) {
                out.append("    ")
                        .append(phase.name())
                        .append(" (")
                        .append(Numbers.format(phase.startSeconds(), 1))
                        .append("–")
                        .append(Numbers.format(phase.endSeconds(), 1))
                        .append(" s): ")
                        .append(phase.iterations())
                        .append(" iterations, ")
                        .append(phase.failed())
                        .append(" failed\n");
                latencyRow(out, "    corrected", phase.corrected());
            }
        }
        if (!result.endpoints().isEmpty()) {
            out.append("  endpoints\n");
            for (EndpointResult endpoint : result.endpoints()) {
                out.append("    ").append(endpoint.name()).append('\n');
                latencyRow(out, "    corrected", endpoint.corrected());
                out.append(String.format(
                        Locale.ROOT,
                        "  %-22s 2xx %d, 3xx %d, 4xx %d, 5xx %d, timeouts %d,"
                                + " connection errors %d, resets %d, %d bytes%n",
                        "",
                        endpoint.status2xx(),
                        endpoint.status3xx(),
                        endpoint.status4xx(),
                        endpoint.status5xx(),
                        endpoint.timeouts(),
                        endpoint.connectionErrors(),
                        endpoint.resets(),
                        endpoint.bytesReceived()));
            }
        }
        if (!result.checks().isEmpty()) {
            out.append("  checks\n");
            for (CheckResult check : result.checks()) {
                out.append("    ")
                        .append(check.failures() == 0 ? "✓ " : "✗ ")
                        .append(check.name())
                        .append(": ")
                        .append(Numbers.format(check.passRate(), 2))
                        .append(" % (")
                        .append(check.passes())
                        .append(" passed, ")
                        .append(check.failures())
                        .append(" failed)\n");
            }
        }
        if (!result.thresholds().isEmpty()) {
            out.append("  thresholds\n");
            for (ThresholdResult threshold : result.thresholds()) {
                out.append("    ")
                        .append(threshold.passed() ? "✓ " : "✗ ")
                        .append(threshold.message())
                        .append('\n');
            }
        }
        if (!result.generatorShortfall().isEmpty()) {
            out.append("    ✗ ").append(result.generatorShortfall()).append('\n');
        }
        if (!result.aborted().isEmpty()) {
            out.append("    ✗ ").append(result.aborted()).append('\n');
        }
        for (String note : result.notes()) {
            out.append("  note: ").append(note).append('\n');
        }
        if (!result.errors().isEmpty()) {
            out.append("  errors\n");
            for (ErrorSample error : result.errors()) {
                out.append("    ")
                        .append(error.count())
                        .append(" × ")
                        .append(error.outcome())
                        .append(": ")
                        .append(error.message())
                        .append('\n');
            }
        }
        reportLines(out, reportFiles);
        return out.toString();
    }

    /** A capacity search's finding and its steps, as a table. */
    private static void capacity(StringBuilder out, LoadTestResult.CapacitySearch search) {
        line(
                out,
                "capacity",
                (search.capacityRps() == null
                                ? "none found"
                                : (search.atLeast() ? "at least " : "") + Numbers.rate(search.capacityRps()))
                        + (search.limitRps() == null ? "" : ", required above " + Numbers.rate(search.limitRps())));
        out.append(String.format(
                Locale.ROOT,
                "  %-13s %5s %11s %11s %9s %9s %9s %8s  %s%n",
                "steps",
                "",
                "rate",
                "achieved",
                "p50",
                "p95",
                "p99",
                "errors",
                "held"));
        int index = 0;
        for (LoadTestResult.CapacityStep step : search.steps()) {
            index++;
            out.append(String.format(
                    Locale.ROOT,
                    "  %-13s %5s %11s %11s %9s %9s %9s %8s  %s%n",
                    "",
                    index + (step.kind().equals("probe") ? " p" : ""),
                    Numbers.format(step.rps(), 2),
                    Numbers.format(step.achievedRps(), 2),
                    Numbers.format(step.p50Millis(), 2),
                    Numbers.format(step.p95Millis(), 2),
                    Numbers.format(step.p99Millis(), 2),
                    Numbers.format(step.errorRatePercent(), 2) + " %",
                    step.held()));
        }
    }

    /**
     * The line said as each step of a capacity search ends.
     *
     * @param testId the test
     * @param index the step's number, from 1
     * @param step the step's figures
     * @return the line
     */
    public static String capacityStep(String testId, int index, LoadTestResult.CapacityStep step) {
        String held = switch (step.held()) {
            case "met" -> "met the SLO";
            case "broke" -> "broke the SLO";
            case "generator" -> "was not delivered by the load generator";
            default -> "stopped the search";
        };
        return "  capacity search " + testId + " step " + index + ": "
                + (step.kind().equals("probe") ? "probe at " : "")
                + Numbers.rate(step.rps()) + " " + held + " (p95 " + Numbers.ms(step.p95Millis()) + ", "
                + Numbers.format(step.errorRatePercent(), 2) + " % errors, achieved " + Numbers.rate(step.achievedRps())
                + ")"
                + (step.brokenBy().isEmpty() ? "" : ": " + step.brokenBy()) + "\n";
    }

    /**
     * A test's report files on one line: their folder once, then each file in it, those that share a name as
     * {@code Name.{json,md,html}}, and the suite page the folder holds; a file elsewhere by its whole path.
     */
    private static void reportLines(StringBuilder out, List<Path> reportFiles) {
        List<Path> files = reportFiles.stream()
                .map(file -> file.toAbsolutePath().normalize())
                .toList();
        if (files.isEmpty()) {
            return;
        }
        Path folder = files.get(0).getParent();
        if (folder == null) {
            line(out, "reports", files.stream().map(Path::toString).collect(Collectors.joining(", ")));
            return;
        }
        // Each file by its name in the folder; files of one stem, such as Name.json and Name.md, together.
        Map<String, List<String>> byStem = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.startsWith(folder) ? folder.relativize(file).toString() : file.toString();
            int dot = name.lastIndexOf('.');
            boolean inFolder = file.getParent() != null && file.getParent().equals(folder);
            String stem = dot > 0 && inFolder ? name.substring(0, dot) : name;
            byStem.computeIfAbsent(stem, any -> new ArrayList<>())
                    .add(dot > 0 && inFolder ? name.substring(dot + 1) : "");
        }
        List<String> parts = new ArrayList<>();
        byStem.forEach((stem, extensions) -> parts.add(
                extensions.size() == 1
                        ? (extensions.get(0).isEmpty() ? stem : stem + "." + extensions.get(0))
                        : stem + ".{" + String.join(",", extensions) + "}"));
        parts.add(SuiteReport.INDEX_HTML);
        line(out, "reports", folder + java.io.File.separator + " " + String.join(", ", parts));
    }

    /**
     * The line that says the generator warmed itself up on loopback.
     *
     * @param requests requests sent to its own loopback server
     * @param elapsed how long it took
     * @return the line
     */
    public static String warmedUp(long requests, Duration elapsed) {
        return "\n  load generator warmed up on loopback in " + elapsed.toMillis() + " ms (" + requests
                + " requests to its own server, none to the target)\n";
    }

    /**
     * The line printed before the first request: what is about to be loaded, how hard and how long.
     *
     * @param testId the test
     * @param load the load in words
     * @param warmupSeconds the warm-up within it
     * @param what how many requests are planned, or the model
     * @param target the base URL, or empty when the test uses absolute URLs or no HTTP
     * @return one line
     */
    public static String plannedLoad(String testId, String load, double warmupSeconds, String what, String target) {
        return "\n  load test " + testId + " starting: " + load
                + (warmupSeconds > 0 ? " (warm-up " + Numbers.format(warmupSeconds, 3) + " s)" : "")
                + ", " + what + (target.isEmpty() ? "" : ", target " + target) + "\n";
    }

    /**
     * The key figures as JUnit report entries, which IDEs show and Surefire writes to its XML.
     *
     * @param result the result
     * @return entries in a stable order
     */
    public static Map<String, String> reportEntries(LoadTestResult result) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("loadtest.verdict", result.passed() ? "passed" : "failed");
        entries.put("loadtest.requestedRps", Numbers.format(result.requestedRps(), 3));
        entries.put("loadtest.achievedRps", Numbers.format(result.achievedRps(), 3));
        entries.put("loadtest.throughputRps", Numbers.format(result.throughputRps(), 3));
        entries.put("loadtest.iterations", Long.toString(result.counts().measured()));
        entries.put("loadtest.failed", Long.toString(result.counts().failed()));
        entries.put("loadtest.dropped", Long.toString(result.counts().dropped()));
        entries.put(
                "loadtest.p50Millis",
                Figures.millis(result.corrected(), result.corrected().p50Millis()));
        entries.put(
                "loadtest.p95Millis",
                Figures.millis(result.corrected(), result.corrected().p95Millis()));
        entries.put(
                "loadtest.p99Millis",
                Figures.millis(result.corrected(), result.corrected().p99Millis()));
        entries.put(
                "loadtest.maxMillis",
                Figures.millis(result.corrected(), result.corrected().maxMillis()));
        if (result.capacity() != null) {
            LoadTestResult.CapacitySearch capacity = result.capacity();
            entries.put(
                    "loadtest.capacityRps",
                    capacity.capacityRps() == null
                            ? "none"
                            : (capacity.atLeast() ? "≥ " : "") + Numbers.format(capacity.capacityRps(), 3));
            entries.put("loadtest.capacitySearch", capacity.end());
        }
        return entries;
    }

    private static String outcomes(LoadTestResult result) {
        String failures = result.outcomes().entrySet().stream()
                .filter(entry -> !entry.getKey().isSuccess() && entry.getValue() > 0)
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        return failures.isEmpty() ? "" : " (" + failures + ")";
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-12s %s%n", label, value));
    }

    private static void latencyRow(StringBuilder out, String label, LatencySummary summary) {
        if (summary.count() == 0) {
            out.append(String.format(Locale.ROOT, "  %-22s %9s%n", truncate(label, 22), "no samples"));
            return;
        }
        out.append(String.format(
                Locale.ROOT,
                "  %-22s %9s %9s %9s %9s %9s %9s %9s %8d%n",
                truncate(label, 22),
                Numbers.format(summary.p50Millis(), 2),
                Numbers.format(summary.p90Millis(), 2),
                Numbers.format(summary.p95Millis(), 2),
                Numbers.format(summary.p99Millis(), 2),
                Numbers.format(summary.p999Millis(), 2),
                Numbers.format(summary.maxMillis(), 2),
                Numbers.format(summary.meanMillis(), 2),
                summary.count()));
    }

    private static String truncate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    /**
     * The pacing in words: {@code 3 started 10 ms or more late; busiest second 7: 2031 went out, 2000 due (+1.6 %)},
     * or {@code …; no second went above what was due in it}.
     */
    static String pacing(LoadTestResult.Pacing pacing) {
        String late =
                pacing.startedLate() + " started " + Numbers.millis(pacing.lateAfterMillis()) + " ms or more late";
        if (pacing.busiestSecondSent() <= pacing.busiestSecondDue()) {
            return late + "; no second went above what was due in it";
        }
        return late + "; busiest second " + pacing.busiestSecond() + ": " + pacing.busiestSecondSent()
                + " went out, " + pacing.busiestSecondDue() + " due"
                + (pacing.busiestSecondDue() > 0
                        ? " (+" + Numbers.format(pacing.busiestSecondExcessPercent(), 1) + " %)"
                        : "");
    }

    /**
     * What the service used, in words: {@code peak 1.3 cores, 0.42 CPU s per 1000 requests, memory 312 MiB,
     * 1002 queries (mean 3.2 ms); 14 readings of http://host/metrics}.
     */
    static String target(LoadTestResult.TargetUsage target) {
        List<String> parts = new ArrayList<>();
        Double cores = target.peakCores();
        Double perThousand = target.cpuSecondsPerThousandRequests();
        Double memory = target.peakMemoryMiB();
        Long queries = target.queries();
        Double meanQuery = target.meanQueryMillis();
        if (cores != null) {
            parts.add("peak " + Numbers.format(cores, 2) + " cores");
        }
        if (perThousand != null) {
            parts.add(Numbers.format(perThousand, 3) + " CPU s per 1000 requests");
        }
        if (memory != null) {
            parts.add("memory " + Numbers.format(memory, 1) + " MiB");
        }
        if (queries != null) {
            parts.add(queries + " queries" + (meanQuery != null ? " (mean " + Numbers.ms(meanQuery) + ")" : ""));
        }
        return (parts.isEmpty() ? "no known metric" : String.join(", ", parts)) + "; " + target.scrapes()
                + (target.scrapes() == 1 ? " reading" : " readings") + " of " + target.source()
                + (target.failedScrapes() > 0
                        ? ", " + target.failedScrapes() + " failed (" + target.problem() + ")"
                        : "");
    }
}
