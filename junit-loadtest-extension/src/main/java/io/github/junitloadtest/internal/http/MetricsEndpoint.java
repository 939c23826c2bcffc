package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.plan.LoadPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The service's own metrics endpoint, read over a connection of its own, apart from the load's and
 * its counts: a reading is never a request of the test. Read with the engine's own transport, so that
 * closing it leaves no thread and no connection behind.
 */
public final class MetricsEndpoint implements AutoCloseable {

    /** How long one reading may take: the connection, the headers and the body. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    /** The most of an answer read; a metrics page is a few hundred KiB at most. */
    static final int MAX_BYTES = 8 << 20;

    private final HttpRequest request;
    private final String shown;
    private final Transport transport;

    private MetricsEndpoint(URI uri, String shown, boolean insecureTls) {
        this.request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/plain;version=0.0.4;q=1.0, application/openmetrics-text;q=0.5, */*;q=0.1")
                .GET()
                .build();
        this.shown = shown;
        // The service's time is real whatever the run's clock is.
        this.transport = Transport.HTTP_1_1.open(
                System::nanoTime,
                insecureTls ? TrustingEveryCertificate.context() : DefaultLoadHttp.defaultTls(),
                !insecureTls);
    }

    /**
     * The endpoint of a plan, checked against the hosts load may go to before anything is sent.
     *
     * @param plan the plan, whose target metrics endpoint is set
     * @param metrics the endpoint
     * @param redaction what stays out of the output
     * @return the endpoint
     * @throws ExtensionConfigurationException when its host is not one load may go to
     */
    public static MetricsEndpoint of(LoadPlan plan, LoadPlan.TargetMetrics metrics, Redaction redaction) {
        requireAllowedHost(plan, metrics, redaction);
        return new MetricsEndpoint(
                metrics.uri(),
                redaction.url(metrics.uri().toString()),
                plan.safety().insecureTls());
    }

    /**
     * Refuses, before the test's first request, a plan whose target metrics endpoint is on a host load
     * may not go to.
     *
     * @param plan the plan
     * @throws ExtensionConfigurationException when its endpoint's host is not one load may go to
     */
    public static void requireAllowedHost(LoadPlan plan) {
        plan.targetMetrics()
                .ifPresent(metrics -> requireAllowedHost(
                        plan, metrics, new Redaction(plan.safety().secretHeaders())));
    }

    private static void requireAllowedHost(LoadPlan plan, LoadPlan.TargetMetrics metrics, Redaction redaction) {
        HostPolicy hosts = HostPolicy.of(plan.baseUrl(), plan.safety().allowedHosts());
        String shown = redaction.url(metrics.uri().toString());
        if (!hosts.allows(metrics.uri().getHost())) {
            throw new ExtensionConfigurationException("Configuration error: " + LoadTest.TARGET_METRICS_PROPERTY_NAME
                    + " names [\"" + shown + "\"], whose host " + metrics.uri().getHost()
                    + " is not one load may go to (allowed: " + hosts.describe() + "); allow it with"
                    + " @LoadTest(allowedHosts = \"" + metrics.uri().getHost() + "\") or -D"
                    + LoadTest.ALLOWED_HOSTS_PROPERTY_NAME + "=" + metrics.uri().getHost());
        }
    }

    /** The endpoint as the results name it, redacted. */
    public String shown() {
        return shown;
    }

    /**
     * Reads the endpoint once.
     *
     * @return its body
     * @throws IOException when it cannot be read in time or does not answer 200, with the reason in words
     */
    public String read() throws IOException {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        Collected body = new Collected();
        Transport.Response response;
        try {
            response = transport.exchange(request, deadline, deadline, body);
        } catch (java.net.http.HttpTimeoutException slow) {
            throw new IOException("GET " + shown + " did not answer within " + READ_TIMEOUT.toSeconds() + " s", slow);
        } catch (IOException failed) {
            throw new IOException(
                    "GET " + shown + " failed: "
                            + (failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage()),
                    failed);
        }
        if (response.status() != 200) {
            throw new IOException("GET " + shown + " returned status " + response.status());
        }
        if (body.overflowed) {
            throw new IOException(
                    "GET " + shown + " returned more than the " + MAX_BYTES + " bytes a metrics page may have");
        }
        return body.bytes.toString(StandardCharsets.UTF_8);
    }

    /** The body, up to its cap. */
    private static final class Collected implements Transport.Receiver {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean overflowed;

        @Override
        public void writing() {}

        @Override
        public void headers(int status, java.net.http.HttpHeaders headers) {}

        @Override
        public void body(byte[] chunk, int offset, int length) {
            if (bytes.size() + length > MAX_BYTES) {
                overflowed = true;
            } else {
                bytes.write(chunk, offset, length);
            }
        }
    }

    /** Closes its connection, ending a reading under way. */
    @Override
    public void close() {
        transport.close();
    }
}
