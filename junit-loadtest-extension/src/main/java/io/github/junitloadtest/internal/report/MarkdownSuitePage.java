package io.github.junitloadtest.internal.report;

import static io.github.junitloadtest.internal.report.MarkdownReportWriter.md;

import io.github.junitloadtest.internal.format.Numbers;

/** The suite page {@code index.md}: the build, its target and every load test of it with its verdict. */
final class MarkdownSuitePage {

    private MarkdownSuitePage() {}

    static String render(SuitePage page) {
        StringBuilder out = new StringBuilder(2048);
        out.append("# Load Test Results: suite\n\n");
        out.append("**Build**: ").append(md(page.build().describe())).append("  \n");
        out.append("**Date**: ").append(page.times()).append("  \n");
        out.append("**Target**: ").append(md(page.targets())).append("  \n");
        out.append("**Duration scale**: ").append(page.durationScales()).append("  \n");
        out.append("**Tests**: ")
                .append(page.entries().size())
                .append(", ")
                .append(page.failures())
                .append("  \n");
        out.append("**Approved for Production?** ").append(approval(page)).append("\n\n");
        out.append("| Test | Status | Load | Requests | p95 | Error rate | Throughput |\n");
        out.append("| ---- | ------ | ---- | -------: | --: | ---------: | ---------: |\n");
        for (SuiteEntry entry : page.entries()) {
            out.append("| ")
                    .append(
                            entry.measured()
                                    ? "[" + md(entry.test()) + "](" + ReportFiles.safeName(entry.test()) + ".md)"
                                    : md(entry.test()))
                    .append(" | ")
                    .append(entry.passed() ? "✓ " : "✗ ")
                    .append(entry.status().label())
                    .append(" | ");
            if (entry.measured()) {
                out.append(md(entry.load()))
                        .append(" | ")
                        .append(entry.requests())
                        .append(" | ")
                        .append(Numbers.ms(entry.p95Millis()))
                        .append(" | ")
                        .append(errorRate(entry))
                        .append(" | ")
                        .append(Numbers.format(entry.throughputRps(), 2))
                        .append(" req/s |\n");
            } else {
                out.append("no load sent | - | - | - | - |\n");
            }
        }
        if (page.notPassed() > 0) {
            out.append("\n## Issues\n\n");
            page.entries().stream()
                    .filter(entry -> !entry.passed())
                    .forEach(entry -> out.append("- ")
                            .append(md(entry.test() + " (" + entry.status().label() + "): " + entry.message()))
                            .append('\n'));
        }
        return out.toString();
    }

    private static String approval(SuitePage page) {
        Approval approval = page.approval();
        if (approval.rejected()) {
            return "NO - " + page.rejection()
                    + (approval.notOfferedBecause().isEmpty()
                            ? ""
                            : " (and approval is " + approval.notOffered() + ")");
        }
        return approval.approved() ? "YES - all criteria met" : capitalized(approval.notOffered());
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String errorRate(SuiteEntry entry) {
        double percent = entry.requests() == 0 ? 0 : 100.0 * entry.failed() / entry.requests();
        return Numbers.format(percent, 3) + " %";
    }
}
