package io.github.junitloadtest.internal.record;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Streams each interval's corrected and service-time histograms to an HdrHistogram interval log
 * ({@code .hlog}, tags {@code corrected} and {@code service}, values in microseconds), so the data opens
 * in HdrHistogram's own tools and merges across runs. Written as the run goes, so nothing accumulates.
 */
public final class IntervalLog implements AutoCloseable {

    /** Tag of the corrected-latency intervals. */
    public static final String CORRECTED = "corrected";
    /** Tag of the service-time intervals. */
    public static final String SERVICE = "service";

    private final PrintStream out;
    private final HistogramLogWriter writer;

    /**
     * Opens the log.
     *
     * @param file where to write; its folder must exist
     * @param startEpochMillis the run's wall-clock start
     */
    public IntervalLog(Path file, long startEpochMillis) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = new PrintStream(new FileOutputStream(file.toFile()), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the interval log " + file.toAbsolutePath(), e);
        }
        writer = new HistogramLogWriter(out);
        writer.outputComment("Load test interval log: latency in microseconds; max column in milliseconds");
        writer.outputStartTime(startEpochMillis);
        writer.setBaseTime(startEpochMillis);
        writer.outputLegend();
    }

    synchronized void write(double startSeconds, double endSeconds, Histogram corrected, Histogram service) {
        write(startSeconds, endSeconds, corrected, CORRECTED);
        write(startSeconds, endSeconds, service, SERVICE);
    }

    private void write(double startSeconds, double endSeconds, Histogram histogram, String tag) {
        Histogram tagged = histogram.copy();
        tagged.setTag(tag);
        // Timestamps are seconds after the base time, the run's start.
        writer.outputIntervalHistogram(startSeconds, endSeconds, tagged, 1000.0);
    }

    /** Closes the file; says so on the error stream when a write failed, since the log is then incomplete. */
    @Override
    public synchronized void close() {
        out.close();
        if (out.checkError()) {
            System.err.println("warning: the interval log could not be written completely; it is incomplete");
        }
    }
}
