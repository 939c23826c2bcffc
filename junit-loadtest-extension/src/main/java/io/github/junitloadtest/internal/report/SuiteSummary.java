package io.github.junitloadtest.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.junitloadtest.api.ThresholdResult;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The build's load tests in one JSON file for CI, {@code summary.json} beside the suite pages:
 * whether the build passed, and for every test its status, why it did not pass, each threshold it
 * broke with the limit and the measured value, its key figures and its own result files. A CI step
 * reads one file instead of globbing per-test ones.
 */
final class SuiteSummary {

    /** The file's name, in the report folder. */
    static final String FILE = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SuiteSummary() {}

    /**
     * The summary.
     *
     * @param build the build's id, or empty
     * @param updated when it was written, ISO-8601
     * @param passed whether every load test of the build passed
     * @param total how many load tests the build has
     * @param notPassed how many of them did not pass
     * @param approval the suite page's approval: "approved", "rejected: 1 of 2 load tests did not
     *     pass", or why it is not offered, {@code not offered: scaled run (durationScale 0.05)}
     * @param tests every test, in the order they started
     */
    record Summary(
            String build,
            String updated,
            boolean passed,
            long total,
            long notPassed,
            String approval,
            List<Test> tests) {}

    /**
     * One test in the summary.
     *
     * @param test the test, as {@code ClassName.methodName}
     * @param status what became of it: passed, failed, aborted, interrupted, configuration error, error
     *     before the load, skipped
     * @param message why it did not pass, on one line; empty when it passed
     * @param load the load in words, empty when it sent none
     * @param requests iterations measured
     * @param failed of those, the ones that did not succeed
     * @param p95Millis corrected p95 latency
     * @param p99Millis corrected p99 latency
     * @param throughputRps successful iterations per second
     * @param capacityRps what a capacity search found, or null
     * @param broken each threshold it broke, with its limit and measured value
     * @param files its own result files, relative to the report folder; empty when it sent no load
     */
    record Test(
            String test,
            String status,
            String message,
            String load,
            long requests,
            long failed,
            double p95Millis,
            double p99Millis,
            double throughputRps,
            @Nullable Double capacityRps,
            List<ThresholdResult> broken,
            Map<String, String> files) {}

    static String render(SuitePage page) {
        List<Test> tests = page.entries().stream()
                .map(entry -> {
                    String name = ReportFiles.safeName(entry.test());
                    Map<String, String> files = entry.measured()
                            ? Map.of("json", name + ".json", "markdown", name + ".md", "html", name + ".html")
                            : Map.of();
                    return new Test(
                            entry.test(),
                            entry.status().label(),
                            entry.message(),
                            entry.load(),
                            entry.requests(),
                            entry.failed(),
                            entry.p95Millis(),
                            entry.p99Millis(),
                            entry.throughputRps(),
                            entry.capacityRps(),
                            entry.broken(),
                            files);
                })
                .toList();
        Approval approval = page.approval();
        String approved = approval.rejected()
                ? "rejected: " + page.rejection()
                : approval.approved() ? "approved" : approval.notOffered();
        Summary summary = new Summary(
                page.build().id(),
                page.updated().toString(),
                page.notPassed() == 0,
                tests.size(),
                page.notPassed(),
                approved,
                tests);
        try {
            return JSON.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write the suite summary", e);
        }
    }
}
