package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.http.MetricsEndpoint;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.MetricsText;
import io.github.junitloadtest.internal.record.TargetReadings;
import io.github.junitloadtest.internal.schedule.NanoClock;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the service's own metrics endpoint before the load, every timeline interval during it and
 * after it, on a daemon thread of its own, so that a slow endpoint never holds up the schedule. The
 * thread ends with the run.
 */
final class TargetWatch implements AutoCloseable {

    /** How long the reading after the load may take before the run goes on without it. */
    static final Duration LAST_READING_LIMIT = Duration.ofSeconds(3);

    private final MetricsEndpoint endpoint;
    private final TargetReadings readings;
    private final NanoClock clock;
    private final ScheduledExecutorService thread;
    private @Nullable ScheduledFuture<?> during;

    private TargetWatch(MetricsEndpoint endpoint, String queryMetric, NanoClock clock) {
        this.endpoint = endpoint;
        this.readings = new TargetReadings(endpoint.shown(), queryMetric);
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("loadtest-target-metrics"));
    }

    /**
     * The watch of a plan's endpoint, checked now and not yet reading.
     *
     * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException when its host is not
     *     one load may go to
     */
    static TargetWatch of(LoadPlan plan, LoadPlan.TargetMetrics metrics, Redaction redaction, NanoClock clock) {
        return new TargetWatch(MetricsEndpoint.of(plan, metrics, redaction), metrics.queryMetric(), clock);
    }

    /**
     * Takes the reading before the load, waiting for it, then one every interval.
     *
     * @param interval the timeline's interval
     */
    void start(Duration interval) {
        if (thread.isShutdown()) {
            return;
        }
        awaitReading();
        during =
                thread.scheduleWithFixedDelay(this::read, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the readings during the load, takes the one after it and folds them all.
     *
     * @param requests the requests sent over the run
     * @return what the service used
     */
    LoadTestResult.TargetUsage finish(long requests) {
        // No reading of the load's starts after this; one under way ends before the reading after the load.
        ScheduledFuture<?> periodic = during;
        if (periodic != null) {
            periodic.cancel(false);
        }
        awaitReading();
        close();
        return readings.usage(requests);
    }

    /** Takes one reading on the watch's thread, waiting for it up to its limit. */
    private void awaitReading() {
        if (thread.isShutdown()) {
            return;
        }
        Future<?> reading = thread.submit(this::read);
        try {
            reading.get(LAST_READING_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            reading.cancel(true);
            readings.failed("GET " + endpoint.shown() + " took longer than " + LAST_READING_LIMIT.toSeconds() + " s");
        } catch (ExecutionException failed) {
            readings.failed("GET " + endpoint.shown() + " failed: " + failed.getCause());
        } catch (InterruptedException stopped) {
            reading.cancel(true);
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        try {
            String text = endpoint.read();
            readings.add(clock.nanoTime(), MetricsText.parse(text));
        } catch (IOException failed) {
            // A reading cancelled for taking too long was counted by the one who waited for it.
            if (!Thread.currentThread().isInterrupted()) {
                readings.failed(String.valueOf(failed.getMessage()));
            }
        }
    }

    /** Ends the watch's thread, waiting briefly for a reading under way. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                readings.failed("GET " + endpoint.shown() + " was still under way when the run ended");
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } finally {
            endpoint.close();
        }
    }
}
