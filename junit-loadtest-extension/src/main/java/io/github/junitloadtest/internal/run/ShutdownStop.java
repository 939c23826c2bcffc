package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.internal.report.Console;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Stops a running load when the JVM is asked to exit (Ctrl+C, {@code kill}), and holds the exit until
 * the partial result is written or {@link #GRACE} passes: the load stops within a second of the
 * interrupt, and the reports follow. The interrupt reaches the runner only while the load runs, never
 * while it writes the result or after.
 */
public final class ShutdownStop implements AutoCloseable {

    /** The longest the JVM's exit waits for the partial report. */
    static final Duration GRACE = Duration.ofSeconds(10);

    static final String THREAD_NAME = "loadtest-shutdown";

    private final Thread runner;
    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);
    private final boolean registered;
    private boolean loading;
    private boolean exiting;

    private ShutdownStop(Thread runner) {
        this.runner = runner;
        this.hook = new Thread(this::stop, THREAD_NAME);
        boolean added;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            added = true;
        } catch (IllegalStateException alreadyShuttingDown) {
            added = false;
        }
        this.registered = added;
    }

    /**
     * Interrupts this thread's load if the JVM starts to exit before {@link #close()}.
     *
     * @param runner the thread running the load and writing its result
     * @return the registration, to close once the result is written
     */
    public static ShutdownStop register(Thread runner) {
        return new ShutdownStop(runner);
    }

    /**
     * Runs the load, which an exit of the JVM interrupts.
     *
     * @param load the load
     * @param <T> its result
     * @return its result
     * @throws IllegalStateException when the JVM is already exiting: no load starts then
     */
    public <T> T whileLoading(Supplier<T> load) {
        synchronized (this) {
            if (!registered || exiting) {
                throw new IllegalStateException("the JVM is shutting down; the load test was not started");
            }
            loading = true;
        }
        try {
            return load.get();
        } finally {
            synchronized (this) {
                loading = false;
            }
        }
    }

    private void stop() {
        synchronized (this) {
            exiting = true;
            if (loading) {
                Console.err().println("Load test stopping: the JVM is shutting down; writing the partial result.");
                runner.interrupt();
            }
        }
        // Loading or already writing the result: either way the exit waits for it.
        try {
            reported.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException exiting) {
            Thread.currentThread().interrupt();
        }
    }

    /** The result is written: an exit in progress may go on, and a later one has nothing to stop. */
    @Override
    public void close() {
        reported.countDown();
        if (registered) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running and has just been released.
            }
        }
    }
}
