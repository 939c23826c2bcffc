package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.format.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports' section on {@code @NoRegression}: each figure of this run against its recorded green
 * runs, with this run's bounds, the baseline, the tolerance and the verdict, and in the HTML page a
 * small chart of the recorded runs' figures and this run's.
 */
final class ComparisonSection {

    private static final int WIDTH = 360;
    private static final int HEIGHT = 90;
    private static final int PAD = 8;

    private ComparisonSection() {}

    static void markdown(StringBuilder out, List<LoadTestResult.Comparison> comparisons) {
        if (comparisons.isEmpty()) {
            return;
        }
        out.append("\n### Against the recorded runs\n\n")
                .append("| Figure | This run (bounds) | Baseline | Tolerance | Verdict | Runs compared |\n")
                .append("| ------ | ----------------- | -------- | --------- | ------- | ------------- |\n");
        for (LoadTestResult.Comparison comparison : comparisons) {
            out.append("| ")
                    .append(comparison.figure())
                    .append(" | ")
                    .append(value(comparison, comparison.current()))
                    .append(
                            comparison.lower() == null || comparison.upper() == null
                                    ? ""
                                    : " (" + value(comparison, comparison.lower()) + " … "
                                            + value(comparison, comparison.upper()) + ")")
                    .append(" | ")
                    .append(comparison.baseline() == null ? "–" : value(comparison, comparison.baseline()))
                    .append(" | ")
                    .append(tolerance(comparison))
                    .append(" | ")
                    .append(comparison.verdict())
                    .append(" | ")
                    .append(comparison.history().size())
                    .append(" |\n");
        }
    }

    static void html(StringBuilder out, List<LoadTestResult.Comparison> comparisons) {
        if (comparisons.isEmpty()) {
            return;
        }
        out.append("<h2>Against the recorded runs</h2>\n<table><tr><th>Figure</th><th>This run</th><th>Bounds</th>"
                + "<th>Baseline</th><th>Tolerance</th><th>Verdict</th><th>Recorded runs, oldest first, and this run</th>"
                + "</tr>\n");
        for (LoadTestResult.Comparison comparison : comparisons) {
            out.append("<tr><td>")
                    .append(HtmlReportWriter.escape(comparison.figure()))
                    .append("</td>")
                    .append(HtmlReportWriter.num(value(comparison, comparison.current())))
                    .append(HtmlReportWriter.num(
                            comparison.lower() == null || comparison.upper() == null
                                    ? "–"
                                    : value(comparison, comparison.lower()) + " … "
                                            + value(comparison, comparison.upper())))
                    .append(HtmlReportWriter.num(
                            comparison.baseline() == null ? "–" : value(comparison, comparison.baseline())))
                    .append(HtmlReportWriter.num(tolerance(comparison)))
                    .append("<td class=\"")
                    .append(comparison.verdict().equals("regressed") ? "bad" : "")
                    .append("\">")
                    .append(comparison.verdict())
                    .append("</td><td>")
                    .append(chart(comparison))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    /**
     * An inline SVG: the recorded runs' figures as grey points, oldest first, the baseline and the
     * band the tolerance allows, and this run as a point with its bounds.
     */
    static String chart(LoadTestResult.Comparison comparison) {
        Double baselineValue = comparison.baseline();
        Double limit = comparison.limit();
        Double lower = comparison.lower();
        Double upper = comparison.upper();
        if (baselineValue == null
                || limit == null
                || lower == null
                || upper == null
                || comparison.history().isEmpty()) {
            return "<span class=\"muted\">nothing recorded to compare with</span>";
        }
        List<Double> values = new ArrayList<>();
        for (int i = comparison.history().size() - 1; i >= 0; i--) {
            values.add(comparison.history().get(i).value());
        }
        double baseline = baselineValue;
        double allowed = limit;
        double low = Math.min(
                Math.min(lower, allowed),
                values.stream().mapToDouble(v -> v).min().orElse(0));
        double high = Math.max(
                Math.max(upper, allowed),
                values.stream().mapToDouble(v -> v).max().orElse(0));
        double span = high - low == 0 ? 1 : high - low;
        int slots = values.size() + 1;
        StringBuilder svg = new StringBuilder()
                .append("<svg class=\"history\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(HtmlReportWriter.escape(
                        comparison.figure() + " of " + values.size() + " recorded runs and this run"))
                .append("\">");
        double bandTop = y(Math.max(baseline, allowed), low, span);
        double bandBottom = y(Math.min(baseline, allowed), low, span);
        svg.append("<rect x=\"")
                .append(PAD)
                .append("\" y=\"")
                .append(f(bandTop))
                .append("\" width=\"")
                .append(WIDTH - 2 * PAD)
                .append("\" height=\"")
                .append(f(Math.max(1, bandBottom - bandTop)))
                .append("\" fill=\"#e8f5e9\"/>");
        svg.append("<line x1=\"")
                .append(PAD)
                .append("\" x2=\"")
                .append(WIDTH - PAD)
                .append("\" y1=\"")
                .append(f(y(baseline, low, span)))
                .append("\" y2=\"")
                .append(f(y(baseline, low, span)))
                .append("\" stroke=\"#2e7d32\" stroke-dasharray=\"4 3\"/>");
        for (int i = 0; i < values.size(); i++) {
            svg.append("<circle cx=\"")
                    .append(f(x(i, slots)))
                    .append("\" cy=\"")
                    .append(f(y(values.get(i), low, span)))
                    .append("\" r=\"3.5\" fill=\"#9e9e9e\"><title>")
                    .append(HtmlReportWriter.escape(value(comparison, values.get(i))))
                    .append("</title></circle>");
        }
        double x = x(slots - 1, slots);
        String colour = comparison.verdict().equals("regressed") ? "#c62828" : "#1565c0";
        svg.append("<line x1=\"")
                .append(f(x))
                .append("\" x2=\"")
                .append(f(x))
                .append("\" y1=\"")
                .append(f(y(upper, low, span)))
                .append("\" y2=\"")
                .append(f(y(lower, low, span)))
                .append("\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"2\"/>");
        svg.append("<circle cx=\"")
                .append(f(x))
                .append("\" cy=\"")
                .append(f(y(comparison.current(), low, span)))
                .append("\" r=\"4.5\" fill=\"")
                .append(colour)
                .append("\"><title>this run: ")
                .append(HtmlReportWriter.escape(value(comparison, comparison.current())))
                .append("</title></circle>");
        return svg.append("</svg>").toString();
    }

    private static double x(int slot, int slots) {
        return PAD + 6 + (WIDTH - 2 * PAD - 12) * (slots == 1 ? 0.5 : (double) slot / (slots - 1));
    }

    private static double y(double value, double low, double span) {
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value - low) / span;
    }

    private static String f(double coordinate) {
        return String.format(java.util.Locale.ROOT, "%.1f", coordinate);
    }

    private static String value(LoadTestResult.Comparison comparison, double value) {
        return Numbers.format(value, 3) + " " + comparison.unit();
    }

    private static String tolerance(LoadTestResult.Comparison comparison) {
        if (comparison.tolerance() == null) {
            return "–";
        }
        return Numbers.format(comparison.tolerance(), 3) + (comparison.unit().equals("%") ? " pp" : " %");
    }
}
