package io.github.junitloadtest.internal.record;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a run's intervals as an HdrHistogram interval log ({@code .hlog}, tags {@code corrected}
 * and {@code service}, values in microseconds), so the data opens in HdrHistogram's own tools.
 */
public final class IntervalLog {

    /** Tag of the corrected-latency intervals. */
    public static final String CORRECTED = "corrected";
    /** Tag of the service-time intervals. */
    public static final String SERVICE = "service";

    private IntervalLog() {}

    /**
     * Writes the log.
     *
     * @param snapshot the run
     * @param file where to write; its folder is made if missing
     * @return the file
     * @throws UncheckedIOException when the file cannot be written
     */
    public static Path write(RunSnapshot snapshot, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the interval log " + file.toAbsolutePath(), e);
        }
        try (PrintStream out = new PrintStream(new FileOutputStream(file.toFile()), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            long startEpochMillis = snapshot.start().toEpochMilli();
            writer.outputComment("Load test interval log: latency in microseconds; max column in milliseconds");
            writer.outputStartTime(startEpochMillis);
            writer.setBaseTime(startEpochMillis);
            writer.outputLegend();
            for (IntervalSnapshot interval : snapshot.recording().intervals()) {
                write(writer, interval, interval.corrected(), CORRECTED);
                write(writer, interval, interval.service(), SERVICE);
            }
            if (out.checkError()) {
                throw new UncheckedIOException(
                        "could not write the interval log " + file.toAbsolutePath(), new IOException("write failed"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the interval log " + file.toAbsolutePath(), e);
        }
        return file;
    }

    private static void write(
            HistogramLogWriter writer, IntervalSnapshot interval, LatencyDistribution latency, String tag) {
        AbstractHistogram tagged = latency.histogram().copy();
        tagged.setTag(tag);
        // Timestamps are seconds after the base time, the run's start.
        writer.outputIntervalHistogram(interval.startSeconds(), interval.endSeconds(), tagged, 1000.0);
    }
}
