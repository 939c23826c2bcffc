package io.github.junitloadtest.internal.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.junitloadtest.api.LoadTestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link LoadTestResult} as a JSON file named after the test. */
public final class JsonReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReportWriter() {}

    /**
     * Writes the result to {@code <dir>/<test>.json}.
     *
     * @param result the result
     * @param dir the report folder, created if missing
     * @return the file written
     */
    public static Path write(LoadTestResult result, Path dir) {
        Path file = dir.resolve(ReportFiles.safeName(result.test()) + ".json");
        try {
            Files.createDirectories(dir);
            JSON.writeValue(file.toFile(), ResultJson.tree(JSON, result));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the load test result to " + file.toAbsolutePath(), e);
        }
    }

    /**
     * Reads a result written by {@link #write}.
     *
     * @param file the JSON file
     * @return the result
     */
    public static LoadTestResult read(Path file) {
        try {
            return JSON.readValue(file.toFile(), LoadTestResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the load test result " + file.toAbsolutePath(), e);
        }
    }
}
