package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.format.Numbers;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reports' section on a capacity search: the finding, every step with its rate, latency, error
 * rate and outcome, and in the HTML page a chart of p95 and the error rate against the offered rate,
 * with the SLO's latency limit and the capacity marked.
 */
final class CapacitySection {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 48;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private CapacitySection() {}

    /** The name of {@code @CapacityAbove}'s row, the guide template's. */
    static final String ROW = "RPS capacity";

    /** A threshold's actual value, {@code ≥ 200 req/s} for a capacity that is only a lower bound. */
    static String actual(LoadTestResult result, ThresholdResult threshold) {
        boolean atLeast = result.capacity() != null
                && result.capacity().atLeast()
                && threshold.metric().equals(ROW);
        return (atLeast ? "≥ " : "") + Figures.actual(threshold);
    }

    /** The template's "RPS capacity" row, when no {@code @CapacityAbove} put it among the thresholds. */
    static void markdownRow(StringBuilder out, LoadTestResult result) {
        LoadTestResult.CapacitySearch search = result.capacity();
        if (search != null && search.limitRps() == null) {
            out.append("| ").append(ROW).append(" | – | ").append(found(search)).append(" | – |\n");
        }
    }

    static void markdown(StringBuilder out, LoadTestResult result) {
        LoadTestResult.CapacitySearch search = result.capacity();
        if (search == null) {
            return;
        }
        out.append("\n### Capacity search\n\n")
                .append("Capacity: **")
                .append(found(search))
                .append("**")
                .append(search.limitRps() == null ? "" : ", required above " + Numbers.rate(search.limitRps()))
                .append(". ")
                .append(MarkdownReportWriter.md(sentence(search.message())))
                .append(".\n\n")
                .append("The other figures of this report are those of the step at ")
                .append(Numbers.rate(result.requestedRps()))
                .append(".\n\n")
                .append("| # | Kind | Offered | Achieved | p50 | p95 | p99 | Errors | Held |\n")
                .append("| - | ---- | ------- | -------- | --- | --- | --- | ------ | ---- |\n");
        int index = 0;
        for (LoadTestResult.CapacityStep step : search.steps()) {
            out.append("| ")
                    .append(++index)
                    .append(" | ")
                    .append(step.kind())
                    .append(" | ")
                    .append(Numbers.rate(step.rps()))
                    .append(" | ")
                    .append(Numbers.rate(step.achievedRps()))
                    .append(" | ")
                    .append(Numbers.ms(step.p50Millis()))
                    .append(" | ")
                    .append(Numbers.ms(step.p95Millis()))
                    .append(" | ")
                    .append(Numbers.ms(step.p99Millis()))
                    .append(" | ")
                    .append(Numbers.format(step.errorRatePercent(), 2))
                    .append(" % | ")
                    .append(step.held())
                    .append(" |\n");
        }
    }

    static void html(StringBuilder out, LoadTestResult result) {
        LoadTestResult.CapacitySearch search = result.capacity();
        if (search == null) {
            return;
        }
        out.append("<h2>Capacity search</h2>\n<p>Capacity: <b>")
                .append(HtmlReportWriter.escape(found(search)))
                .append("</b>")
                .append(
                        search.limitRps() == null
                                ? ""
                                : ", required above " + HtmlReportWriter.escape(Numbers.rate(search.limitRps())))
                .append(". ")
                .append(HtmlReportWriter.escape(sentence(search.message())))
                .append(".</p>\n")
                .append("<p class=\"muted\">The figures below the chart are those of the step at ")
                .append(HtmlReportWriter.escape(Numbers.rate(result.requestedRps())))
                .append(".</p>\n")
                .append(chart(search, latencyLimit(result.thresholds())))
                .append("\n<table><tr><th>#</th><th>Kind</th><th>Offered</th><th>Achieved</th><th>p50</th><th>p95</th>"
                        + "<th>p99</th><th>Errors</th><th>Held</th></tr>\n");
        int index = 0;
        for (LoadTestResult.CapacityStep step : search.steps()) {
            out.append("<tr><td>")
                    .append(++index)
                    .append("</td><td>")
                    .append(step.kind())
                    .append("</td>")
                    .append(HtmlReportWriter.num(Numbers.rate(step.rps())))
                    .append(HtmlReportWriter.num(Numbers.rate(step.achievedRps())))
                    .append(HtmlReportWriter.num(Numbers.ms(step.p50Millis())))
                    .append(HtmlReportWriter.num(Numbers.ms(step.p95Millis())))
                    .append(HtmlReportWriter.num(Numbers.ms(step.p99Millis())))
                    .append(HtmlReportWriter.num(Numbers.format(step.errorRatePercent(), 2) + " %"))
                    .append("<td class=\"")
                    .append(step.held().equals("met") ? "ok" : "bad")
                    .append("\">")
                    .append(step.held())
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    /** The SLO's first latency percentile limit, which the chart draws. */
    private static Optional<ThresholdResult> latencyLimit(List<ThresholdResult> thresholds) {
        return thresholds.stream()
                .filter(threshold -> threshold.unit().equals("ms")
                        && threshold.comparison().equals("<")
                        && threshold.metric().startsWith("p"))
                .findFirst();
    }

    /**
     * An inline SVG: each step's p95 (blue, left axis) and error rate (orange, right axis) at its
     * offered rate, probes hollow, the latency limit dashed red, the capacity a green line and the
     * first broken rate a red one.
     */
    static String chart(LoadTestResult.CapacitySearch search, Optional<ThresholdResult> limit) {
        List<LoadTestResult.CapacityStep> steps = search.steps().stream()
                .sorted(Comparator.comparingDouble(LoadTestResult.CapacityStep::rps))
                .toList();
        double maxRate = nice(steps.stream()
                .mapToDouble(LoadTestResult.CapacityStep::rps)
                .max()
                .orElse(1));
        double maxLatency = nice(Math.max(
                        steps.stream()
                                .mapToDouble(LoadTestResult.CapacityStep::p95Millis)
                                .max()
                                .orElse(1),
                        limit.map(ThresholdResult::limit).orElse(0.0))
                * 1.05);
        double maxErrors = nice(Math.max(
                        1,
                        steps.stream()
                                .mapToDouble(LoadTestResult.CapacityStep::errorRatePercent)
                                .max()
                                .orElse(0))
                * 1.05);
        StringBuilder svg = new StringBuilder()
                .append("<svg class=\"capacity\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"p95 latency and error rate against the offered"
                        + " rate\" font-family=\"sans-serif\" font-size=\"11\">");
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        svg.append("<rect x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(TOP)
                .append("\" width=\"")
                .append(plotRight - LEFT)
                .append("\" height=\"")
                .append(plotBottom - TOP)
                .append("\" fill=\"none\" stroke=\"#d0d5dd\"/>");
        for (int tick = 0; tick <= 4; tick++) {
            double fraction = tick / 4.0;
            double x = LEFT + fraction * (plotRight - LEFT);
            double y = plotBottom - fraction * (plotBottom - TOP);
            svg.append(text(x, plotBottom + 14, "middle", "#667085", Numbers.format(fraction * maxRate, 1)))
                    .append(text(LEFT - 6, y + 4, "end", "#1c64f2", Numbers.format(fraction * maxLatency, 1)))
                    .append(text(plotRight + 6, y + 4, "start", "#e8590c", Numbers.format(fraction * maxErrors, 1)));
        }
        svg.append(text((LEFT + plotRight) / 2.0, HEIGHT - 6, "middle", "#344054", "offered rate (req/s)"))
                .append(text(LEFT, 14, "middle", "#1c64f2", "p95 (ms)"))
                .append(text(plotRight, 14, "middle", "#e8590c", "errors (%)"));
        limit.ifPresent(threshold -> {
            double y = y(threshold.limit(), maxLatency);
            svg.append(line(LEFT, y, plotRight, y, "#c92a2a", "6 4"))
                    .append(text(
                            plotRight - 4,
                            y - 4,
                            "end",
                            "#c92a2a",
                            threshold.metric() + " limit " + Numbers.format(threshold.limit(), 3) + " ms"));
        });
        if (search.capacityRps() != null) {
            double x = x(search.capacityRps(), maxRate);
            svg.append(line(x, TOP, x, plotBottom, "#2b8a3e", "3 3"))
                    .append(
                            x > (LEFT + plotRight) / 2.0
                                    ? text(
                                            x - 4,
                                            TOP + 12,
                                            "end",
                                            "#2b8a3e",
                                            "capacity " + Numbers.rate(search.capacityRps()))
                                    : text(
                                            x + 4,
                                            TOP + 12,
                                            "start",
                                            "#2b8a3e",
                                            "capacity " + Numbers.rate(search.capacityRps())));
        }
        if (search.firstBrokenRps() != null) {
            double x = x(search.firstBrokenRps(), maxRate);
            svg.append(line(x, TOP, x, plotBottom, "#c92a2a", "3 3"));
        }
        svg.append(polyline(steps, maxRate, maxLatency, maxErrors, true))
                .append(polyline(steps, maxRate, maxLatency, maxErrors, false));
        for (LoadTestResult.CapacityStep step : steps) {
            boolean probe = step.kind().equals("probe");
            String title = HtmlReportWriter.escape(step.kind() + " at " + Numbers.rate(step.rps()) + ": p95 "
                    + Numbers.ms(step.p95Millis()) + ", " + Numbers.format(step.errorRatePercent(), 2) + " % errors, "
                    + step.held());
            svg.append(point(x(step.rps(), maxRate), y(step.p95Millis(), maxLatency), "#1c64f2", probe, title))
                    .append(point(
                            x(step.rps(), maxRate), y(step.errorRatePercent(), maxErrors), "#e8590c", probe, title));
        }
        return svg.append("</svg>").toString();
    }

    /** The steps' line of one figure, probes left out: they repeat a rate already drawn. */
    private static String polyline(
            List<LoadTestResult.CapacityStep> steps,
            double maxRate,
            double maxLatency,
            double maxErrors,
            boolean latency) {
        StringBuilder points = new StringBuilder();
        for (LoadTestResult.CapacityStep step : steps) {
            if (!step.kind().equals("probe")) {
                points.append(f(x(step.rps(), maxRate)))
                        .append(',')
                        .append(f(latency ? y(step.p95Millis(), maxLatency) : y(step.errorRatePercent(), maxErrors)))
                        .append(' ');
            }
        }
        return "<polyline fill=\"none\" stroke=\"" + (latency ? "#1c64f2" : "#e8590c") + "\" stroke-width=\"1.5\""
                + " points=\"" + points.toString().strip() + "\"/>";
    }

    private static String point(double x, double y, String colour, boolean hollow, String title) {
        return "<circle cx=\"" + f(x) + "\" cy=\"" + f(y) + "\" r=\"4\" fill=\"" + (hollow ? "white" : colour)
                + "\" stroke=\"" + colour + "\" stroke-width=\"1.5\"><title>" + title + "</title></circle>";
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dashes) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\""
                + colour + "\" stroke-dasharray=\"" + dashes + "\"/>";
    }

    private static String text(double x, double y, String anchor, String colour, String text) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\" fill=\"" + colour + "\">"
                + HtmlReportWriter.escape(text) + "</text>";
    }

    /** The smallest of 1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6 or 8 times a power of ten at or above the value: an axis's top, whose quarters read well. */
    static double nice(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10}) {
            if (factor * power >= value - 1e-9) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static double x(double rate, double maxRate) {
        return LEFT + (WIDTH - RIGHT - LEFT) * rate / maxRate;
    }

    private static double y(double value, double max) {
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * value / max;
    }

    private static String f(double coordinate) {
        return String.format(Locale.ROOT, "%.1f", coordinate);
    }

    private static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String found(LoadTestResult.CapacitySearch search) {
        return search.capacityRps() == null
                ? "none found"
                : (search.atLeast() ? "at least " : "") + Numbers.rate(search.capacityRps());
    }
}
