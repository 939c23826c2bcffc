package io.github.junitloadtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.junitloadtest.internal.record.BaselineRun;
import io.github.junitloadtest.internal.record.RunSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded runs a test is compared with: one folder per history in the baseline folder, one
 * file per run, {@code <UTC time>-<commit>.json} ({@code .failed.json} for a failed one), holding when and where it ran, whether it passed,
 * and its whole snapshot, so that a figure compared later can be read from runs recorded earlier.
 *
 * <pre>{@code
 * {"format":"junit-loadtest-baseline","version":1,"recordedAt":"2026-11-20T03:00:00Z","commit":"abc1234",
 *  "environment":"staging.example.com, 2 cores, JDK 17","passed":true,"snapshot":{...}}
 * }</pre>
 */
public final class BaselineStore {

    static final String FORMAT = "junit-loadtest-baseline";
    static final int VERSION = 1;

    /** How a failed run's file name ends, before {@code .json}; such runs are kept but never compared. */
    static final String FAILED = ".failed";

    /** How many failed runs of a history are kept, newest first. */
    static final int KEPT_FAILED = 2;

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private BaselineStore() {}

    /** The folder of one history. */
    public static Path folderOf(Path dir, String key) {
        return dir.resolve(ReportFiles.safeName(key));
    }

    /**
     * The recorded runs of a history, newest first; none when its folder does not exist.
     *
     * @param dir the baseline folder
     * @param key the history
     * @param environment the running environment's label
     * @return the history
     * @throws UncheckedIOException naming the file when a recorded run cannot be read
     */
    public static BaselineRun.History read(Path dir, String key, String environment) {
        Path folder = folderOf(dir, key);
        if (!Files.isDirectory(folder)) {
            return BaselineRun.History.none(folder.toString(), environment);
        }
        List<BaselineRun> runs = new ArrayList<>();
        for (Path file : files(folder)) {
            runs.add(readRun(file));
        }
        runs.sort(Comparator.comparing(BaselineRun::recordedAt).reversed());
        return new BaselineRun.History(runs, folder.toString(), environment);
    }

    /**
     * Records a run and keeps only the newest {@code keep} passing runs of its history and the
     * newest {@value #KEPT_FAILED} failed ones.
     *
     * @param dir the baseline folder, created if missing
     * @param key the history
     * @param run the run
     * @param keep how many runs to keep, at least 1
     * @return the file written
     */
    public static Path record(Path dir, String key, BaselineRun run, int keep) {
        Path folder = folderOf(dir, key);
        String commit = run.commit().isEmpty() ? "" : "-" + ReportFiles.safeName(run.commit());
        Path file =
                folder.resolve(FILE_TIME.format(run.recordedAt()) + commit + (run.passed() ? "" : FAILED) + ".json");
        try {
            Files.createDirectories(folder);
            SnapshotFile.mapper()
                    .writeValue(
                            file.toFile(),
                            new Entry(
                                    FORMAT,
                                    VERSION,
                                    run.recordedAt().toString(),
                                    run.commit(),
                                    run.environment(),
                                    run.passed(),
                                    run.snapshot()));
            // The newest passing runs a baseline needs, and only the newest failed ones: a lasting regression
            // recorded with record=always must not push the green runs out.
            List<Path> newestFirst = files(folder).stream()
                    .sorted(Comparator.comparing(
                                    (Path recorded) -> recorded.getFileName().toString())
                            .reversed())
                    .toList();
            prune(newestFirst.stream().filter(recorded -> !isFailed(recorded)).toList(), keep);
            prune(newestFirst.stream().filter(BaselineStore::isFailed).toList(), KEPT_FAILED);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the run as a baseline in " + folder.toAbsolutePath(), e);
        }
    }

    private static boolean isFailed(Path file) {
        return file.getFileName().toString().endsWith(FAILED + ".json");
    }

    private static void prune(List<Path> newestFirst, int keep) throws IOException {
        for (Path old : newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size())) {
            Files.delete(old);
        }
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the recorded runs in " + folder.toAbsolutePath(), e);
        }
    }

    private static BaselineRun readRun(Path file) {
        try {
            JsonNode tree = SnapshotFile.mapper().readTree(file.toFile());
            if (!FORMAT.equals(tree.path("format").asText())
                    || tree.path("version").asInt() != VERSION) {
                throw new IOException("it is not a recorded run of version " + VERSION + ": it starts with format ["
                        + tree.path("format").asText() + "], version ["
                        + tree.path("version").asText() + "]");
            }
            return new BaselineRun(
                    java.time.Instant.parse(tree.path("recordedAt").asText()),
                    tree.path("commit").asText(""),
                    tree.path("environment").asText(""),
                    tree.path("passed").asBoolean(false),
                    SnapshotFile.snapshotOf(tree.get("snapshot")));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException(
                    "could not read the recorded run " + file.toAbsolutePath() + " (" + e.getMessage()
                            + "); delete it or record the history again",
                    e));
        }
    }

    /** A recorded run's file. */
    private record Entry(
            String format,
            int version,
            String recordedAt,
            String commit,
            String environment,
            boolean passed,
            RunSnapshot snapshot) {}
}
