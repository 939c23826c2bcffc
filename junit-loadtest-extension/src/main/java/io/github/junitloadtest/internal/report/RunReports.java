package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.record.IntervalLog;
import io.github.junitloadtest.internal.record.RunSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Writes every file of one run: the result as JSON, Markdown and HTML, the interval log and the snapshot. */
public final class RunReports {

    private RunReports() {}

    /**
     * Writes the files, in that order, each on its own: a file that cannot be written does not keep
     * the others from being written.
     *
     * @param dir the report folder, created if missing
     * @param snapshot what the run measured
     * @param result the result made from it
     * @param ofShard whether the run was one shard's part of the load
     * @param written receives each file written, in that order
     * @throws RuntimeException the first file's failure, the later ones' suppressed in it, once every
     *     file was tried
     */
    public static void write(
            Path dir, RunSnapshot snapshot, LoadTestResult result, boolean ofShard, List<Path> written) {
        String name = ReportFiles.safeName(result.test());
        List<Supplier<Path>> files = List.of(
                () -> JsonReportWriter.write(result, dir),
                () -> MarkdownReportWriter.write(result, dir),
                () -> HtmlReportWriter.write(result, dir),
                () -> IntervalLog.write(snapshot, dir.resolve(name + ".hlog")),
                () -> SnapshotFile.write(snapshot, dir, ofShard));
        RuntimeException failure = null;
        for (Supplier<Path> file : files) {
            try {
                written.add(file.get());
            } catch (RuntimeException notWritten) {
                if (failure == null) {
                    failure = notWritten;
                } else {
                    failure.addSuppressed(notWritten);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
