package io.github.junitloadtest.internal.http;

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

    HttpClients(Duration connectTimeout) {
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, THREAD_NAME_PREFIX + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // A redirect is the service's answer and is recorded as a 3xx; following it would hide it.
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        shutdownClient();
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdownClient() {
        // HttpClient has shutdownNow() and awaitTermination() from Java 21; on 17 its selector thread
        // ends once the client is unreachable.
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            Method awaitTermination = HttpClient.class.getMethod("awaitTermination", Duration.class);
            shutdownNow.invoke(client);
            awaitTermination.invoke(client, Duration.ofSeconds(1));
        } catch (NoSuchMethodException onJava17) {
            // nothing to close
        } catch (ReflectiveOperationException unexpected) {
            throw new IllegalStateException("could not shut down the HTTP client", unexpected);
        }
    }
}
