package io.github.junitloadtest.internal.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a running load when the JVM is asked to exit (Ctrl+C, {@code kill}), and holds the exit until
 * the partial result is written or {@link #GRACE} passes: the load stops within a second of the
 * interrupt, and the reports follow.
 */
public final class ShutdownStop implements AutoCloseable {

    /** The longest the JVM's exit waits for the partial report. */
    static final Duration GRACE = Duration.ofSeconds(10);

    static final String THREAD_NAME = "loadtest-shutdown";

    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);
    private final boolean registered;

    private ShutdownStop(Thread runner) {
        this.hook = new Thread(() -> {
            System.err.println("Load test stopping: the JVM is shutting down; writing the partial result.");
            runner.interrupt();
            try {
                reported.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException exiting) {
                Thread.currentThread().interrupt();
            }
        }, THREAD_NAME);
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
     * Interrupts this thread, which runs a load, if the JVM starts to exit before {@link #close()}.
     *
     * @param runner the thread running the load and writing its result
     * @return the registration, to close once the result is written
     */
    public static ShutdownStop register(Thread runner) {
        return new ShutdownStop(runner);
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
