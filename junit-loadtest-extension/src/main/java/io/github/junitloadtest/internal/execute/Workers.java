package io.github.junitloadtest.internal.execute;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The threads that run iterations: virtual threads where the JVM has them (21 and later), else a
 * pool of platform threads that grows on demand up to the in-flight cap. Closing interrupts what
 * still runs and waits for it, so no worker outlives its test.
 */
public final class Workers implements AutoCloseable {

    /** Thread names start with this, so a test can look for leftovers. */
    public static final String THREAD_NAME_PREFIX = "loadtest-worker-";

    private static final Duration IDLE_KEEP_ALIVE = Duration.ofSeconds(10);

    private volatile boolean cancelling;
    private final ExecutorService executor;
    private final String kind;

    Workers(ExecutorService executor, String kind) {
        this.executor = executor;
        this.kind = kind;
    }

    /**
     * Workers for this JVM: virtual threads when available, otherwise platform threads.
     *
     * @param maxInFlight the most iterations at once, for the platform pool's size
     * @return the workers
     */
    public static Workers forThisJvm(int maxInFlight) {
        ExecutorService virtual = virtualThreadExecutor();
        return virtual != null ? new Workers(virtual, "virtual") : platform(maxInFlight);
    }

    /**
     * Platform threads only, up to the given number.
     *
     * @param maxThreads the pool's largest size
     * @return the workers
     */
    public static Workers platform(int maxThreads) {
        SynchronousQueue<Runnable> handoff = new SynchronousQueue<>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                0,
                maxThreads,
                IDLE_KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS,
                handoff,
                daemonThreads(),
                (task, executor) -> {
                    // The dispatcher holds a permit, so a worker has finished its iteration and is on its way
                    // back to the queue; wait for it rather than fail.
                    try {
                        if (executor.isShutdown()) {
                            throw new RejectedExecutionException("workers are shut down");
                        }
                        handoff.put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted while handing an iteration to a worker", e);
                    }
                });
        return new Workers(pool, "platform");
    }

    /**
     * Workers on an executor of the caller's, such as one that runs each iteration on the calling
     * thread, so that with a manual clock a whole run is exact arithmetic.
     *
     * @param executor runs each iteration; {@code shutdownNow} cancels them
     * @param kind what the reports call these workers
     * @return the workers
     */
    public static Workers using(ExecutorService executor, String kind) {
        return new Workers(executor, kind);
    }

    /** {@code "virtual"} or {@code "platform"}. */
    public String kind() {
        return kind;
    }

    /**
     * Whether the iterations are being cancelled; set before the interrupts, so an interrupt seen
     * after it reads false is not this cancellation's.
     */
    public boolean isCancelling() {
        return cancelling;
    }

    void execute(Runnable iteration) {
        executor.execute(iteration);
    }

    /**
     * Interrupts every running iteration and gives them the grace period to end, with the caller's
     * interrupt flag cleared while waiting and set again afterwards if it was set.
     *
     * @param grace how long to wait for the iterations to end
     */
    void cancelAndAwait(Duration grace) {
        cancelling = true;
        executor.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException again) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        cancelling = true;
        executor.shutdownNow();
        boolean interrupted = false;
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, THREAD_NAME_PREFIX + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static @Nullable ExecutorService virtualThreadExecutor() {
        // Looked up reflectively: the library is compiled for Java 17, where these methods do not exist.
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, THREAD_NAME_PREFIX, 1L);
            ThreadFactory factory =
                    (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            return (ExecutorService) perTask.invoke(null, factory);
        } catch (ReflectiveOperationException | LinkageError notAvailable) {
            return null;
        }
    }
}
