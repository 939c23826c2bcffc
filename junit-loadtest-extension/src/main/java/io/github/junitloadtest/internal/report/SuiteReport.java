package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.LoadTestResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load tests of one test run, per report folder; rewrites the folder's index pages
 * ({@code index.md}, {@code index.html}) after each test, so they are complete whenever the run stops.
 */
public final class SuiteReport {

    private final Map<Path, List<LoadTestResult>> results = new LinkedHashMap<>();

    /**
     * Adds a finished test and rewrites its folder's index pages.
     *
     * @param result the result
     * @param dir its report folder
     * @return the index pages written
     */
    public synchronized List<Path> add(LoadTestResult result, Path dir) {
        List<LoadTestResult> inFolder = results.computeIfAbsent(dir.toAbsolutePath().normalize(), key -> new ArrayList<>());
        inFolder.removeIf(previous -> previous.test().equals(result.test()));
        inFolder.add(result);
        return List.of(MarkdownReportWriter.writeSuite(inFolder, dir), HtmlReportWriter.writeSuite(inFolder, dir));
    }
}
