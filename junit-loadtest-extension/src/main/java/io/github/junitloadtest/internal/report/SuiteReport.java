package io.github.junitloadtest.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite pages of a report folder ({@code index.md}, {@code index.html}) and its summary for CI
 * ({@code summary.json}), rebuilt after each load
 * test from the entries in its {@code verdicts} folder that belong to this build, so every JVM and fork
 * of a build adds to one page, and no page of an earlier build outlives it.
 */
public final class SuiteReport {

    /** The suite page a browser opens: {@value}. */
    public static final String INDEX_HTML = "index.html";

    /** The folder of entries, inside the report folder: {@value}. */
    public static final String ENTRIES = "verdicts";

    private static final String LOCK = "suite.lock";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SuiteReport() {}

    /**
     * Writes a test's entry and rebuilds the folder's suite pages over this build's entries.
     *
     * @param entry the test's entry
     * @param dir the report folder
     * @param build this build
     * @param now the time
     * @return the pages written
     */
    public static List<Path> record(SuiteEntry entry, Path dir, Build build, Instant now) {
        Path entries = dir.resolve(ENTRIES);
        try {
            Files.createDirectories(entries);
            // One writer at a time, in this JVM (a second lock of the same file here would throw) and across JVMs.
            synchronized (SuiteReport.class) {
                try (FileChannel channel =
                        FileChannel.open(entries.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    // Released by the OS too if this JVM dies while it holds it.
                    FileLock lock = channel.lock();
                    try {
                        ReportFiles.writeAtomically(
                                entries.resolve(ReportFiles.safeName(entry.test()) + ".json"),
                                JSON.writeValueAsString(entry));
                        SuitePage page = new SuitePage(build, entriesOf(entries, build), now);
                        return List.of(
                                ReportFiles.writeAtomically(dir.resolve(SuiteSummary.FILE), SuiteSummary.render(page)),
                                ReportFiles.writeAtomically(dir.resolve("index.md"), MarkdownSuitePage.render(page)),
                                ReportFiles.writeAtomically(dir.resolve(INDEX_HTML), HtmlSuitePage.render(page)));
                    } finally {
                        lock.release();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not rebuild the suite pages in " + dir.toAbsolutePath(), e);
        }
    }

    private static List<SuiteEntry> entriesOf(Path folder, Build build) throws IOException {
        List<SuiteEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                try {
                    SuiteEntry entry = JSON.readValue(file.toFile(), SuiteEntry.class);
                    if (build.includes(entry)) {
                        entries.add(entry);
                    }
                } catch (JsonProcessingException | RuntimeException notAnEntry) {
                    System.err.println("warning: " + file.toAbsolutePath() + " is not a load test's suite entry and is"
                            + " left off the suite pages: " + notAnEntry.getMessage());
                }
            }
        }
        return entries;
    }
}
