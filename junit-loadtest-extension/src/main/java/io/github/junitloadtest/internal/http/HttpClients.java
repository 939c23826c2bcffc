package io.github.junitloadtest.internal.http;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One {@link HttpClient} per load test, with its own threads, closed when the test ends. */
final class HttpClients implements AutoCloseable {

    static final String THREAD_NAME_PREFIX = "loadtest-http-";

    private final ExecutorService executor;
    private final HttpClient client;

    HttpClients(Duration connectTimeout, boolean insecureTls) {
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, THREAD_NAME_PREFIX + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (insecureTls) {
            builder.sslContext(TrustingEveryCertificate.context());
        }
        this.client = builder
                .connectTimeout(connectTimeout)
                // A redirect is the service's answer and is recorded as a 3xx; following it would hide it.
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    HttpClient client() {
        return client;
    }

    /** Stops the client and its threads; keeps the caller's interrupt flag as it was. */
    @Override
    public void close() {
        // Waiting is done with the flag cleared, so a pending interrupt cannot cut the shutdown short.
        boolean interrupted = Thread.interrupted();
        try {
            shutdownClient();
        } finally {
            executor.shutdownNow();
            try {
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean executorTerminated() {
        return executor.isTerminated();
    }

    private void shutdownClient() {
        // HttpClient has shutdownNow() and awaitTermination() from Java 21; on 17 its selector thread
        // ends once the client is unreachable.
        Method shutdownNow;
        Method awaitTermination;
        try {
            shutdownNow = HttpClient.class.getMethod("shutdownNow");
            awaitTermination = HttpClient.class.getMethod("awaitTermination", Duration.class);
        } catch (NoSuchMethodException onJava17) {
            return;
        }
        try {
            shutdownNow.invoke(client);
            awaitTermination.invoke(client, Duration.ofSeconds(1));
        } catch (InvocationTargetException failed) {
            if (failed.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            throw new IllegalStateException("could not shut down the HTTP client", failed.getCause());
        } catch (IllegalAccessException unexpected) {
            throw new IllegalStateException("could not shut down the HTTP client", unexpected);
        }
    }
}
