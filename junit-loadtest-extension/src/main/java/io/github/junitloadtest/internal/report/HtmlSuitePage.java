package io.github.junitloadtest.internal.report;

import static io.github.junitloadtest.internal.report.HtmlReportWriter.escape;
import static io.github.junitloadtest.internal.report.HtmlReportWriter.num;

import io.github.junitloadtest.internal.format.Numbers;

/** The suite page {@code index.html}: the build, its target and every load test of it with its verdict, linked. */
final class HtmlSuitePage {

    private HtmlSuitePage() {}

    static String render(SuitePage page) {
        StringBuilder out = new StringBuilder(8192);
        HtmlReportWriter.head(out, "Load test suite", false);
        out.append("<h1>Load test suite <span class=\"verdict ")
                .append(page.notPassed() == 0 ? "passed\">PASSED" : "failed\">FAILED")
                .append("</span></h1>\n")
                .append("<p class=\"muted\">")
                .append(page.entries().size())
                .append(" load test")
                .append(page.entries().size() == 1 ? "" : "s")
                .append(", ")
                .append(escape(page.failures()))
                .append("</p>\n");
        out.append("<table class=\"facts\">\n");
        approval(out, page);
        fact(out, "Build", page.build().describe());
        fact(out, "Date", page.times());
        fact(out, "Target", page.targets());
        fact(out, "Duration scale", page.durationScales());
        out.append("</table>\n<table class=\"suite\"><tr><th>Test</th><th>Status</th><th>Load</th><th>Requests</th>"
                + "<th>p95</th><th>p99</th><th>Failed</th><th>Throughput</th></tr>\n");
        for (SuiteEntry entry : page.entries()) {
            out.append("<tr><td>")
                    .append(
                            entry.measured()
                                    ? "<a href=\"" + escape(ReportFiles.safeName(entry.test())) + ".html\">"
                                            + escape(entry.test()) + "</a>"
                                    : escape(entry.test()))
                    .append("</td>")
                    .append(entry.passed() ? "<td class=\"ok nowrap\">✓ " : "<td class=\"bad nowrap\">✗ ")
                    .append(escape(entry.status().label()))
                    .append("</td>");
            if (entry.measured()) {
                out.append("<td>")
                        .append(escape(entry.load()))
                        .append("</td>")
                        .append(num(entry.requests()))
                        .append(num(Numbers.ms(entry.p95Millis())))
                        .append(num(Numbers.ms(entry.p99Millis())))
                        .append(num(entry.failed()))
                        .append(num(Numbers.format(entry.throughputRps(), 2) + " req/s"));
            } else {
                out.append("<td class=\"muted\" colspan=\"6\">no load sent</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
        if (page.notPassed() > 0) {
            out.append("<h2>Issues</h2>\n<ul>\n");
            page.entries().stream()
                    .filter(entry -> !entry.passed())
                    .forEach(entry -> out.append("<li><strong>")
                            .append(escape(entry.test()))
                            .append("</strong> (")
                            .append(escape(entry.status().label()))
                            .append("): ")
                            .append(escape(entry.message()))
                            .append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("<script>").append(HtmlReportWriter.resource("layout.js")).append("</script>\n");
        out.append("</body>\n</html>\n");
        return HtmlReportWriter.scrollingTables(out.toString());
    }

    private static void approval(StringBuilder out, SuitePage page) {
        Approval approval = page.approval();
        out.append("<tr><th>Approved for production?</th>");
        if (approval.rejected()) {
            out.append("<td class=\"bad\"><strong>NO</strong>: ")
                    .append(escape(page.rejection()))
                    .append(
                            approval.notOfferedBecause().isEmpty()
                                    ? ""
                                    : " (and approval is " + escape(approval.notOffered()) + ")");
        } else if (approval.approved()) {
            out.append("<td class=\"ok\"><strong>YES</strong>: all criteria met");
        } else {
            out.append("<td><strong>Not offered</strong>: ")
                    .append(escape(String.join(", ", approval.notOfferedBecause())));
        }
        out.append("</td></tr>\n");
    }

    private static void fact(StringBuilder out, String name, String value) {
        out.append("<tr><th>")
                .append(name)
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>\n");
    }
}
