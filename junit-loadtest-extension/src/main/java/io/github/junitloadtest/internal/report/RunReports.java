package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.record.IntervalLog;
import io.github.junitloadtest.internal.record.RunSnapshot;
import java.nio.file.Path;
import java.util.List;

/** Writes every file of one run: the result as JSON, Markdown and HTML, the interval log and the snapshot. */
public final class RunReports {

    private RunReports() {}

    /**
     * Writes the files, in that order, adding each to {@code written} once it is complete.
     *
     * @param dir the report folder, created if missing
     * @param snapshot what the run measured
     * @param result the result made from it
     * @param written receives each file written
     * @throws RuntimeException from the first file that could not be written; those before it stay written
     */
    public static void write(Path dir, RunSnapshot snapshot, LoadTestResult result, List<Path> written) {
        written.add(JsonReportWriter.write(result, dir));
        written.add(MarkdownReportWriter.write(result, dir));
        written.add(HtmlReportWriter.write(result, dir));
        written.add(IntervalLog.write(snapshot, dir.resolve(ReportFiles.safeName(result.test()) + ".hlog")));
        written.add(SnapshotFile.write(snapshot, dir));
    }
}
