package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadRequestException;
import io.github.junitloadtest.api.LoadResponse;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.record.EndpointRecorder;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.IterationContext.UnacceptedStatus;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.record.OutcomeClassifier;
import io.github.junitloadtest.internal.schedule.NanoClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The {@link LoadHttp} a load test receives: one JDK {@link HttpClient} per test, blocking
 * {@code send} on the iteration's own worker, and every request recorded under its name.
 */
public final class DefaultLoadHttp implements LoadHttp, AutoCloseable {

    private final Optional<URI> baseUrl;
    private final Duration timeout;
    private final String testDescription;
    private final LatencyRecorder recorder;
    private final IterationContext context;
    private final NanoClock clock;
    private final HttpClients clients;
    private final Set<Integer> successStatuses;
    private final ResponseSizes sizes = new ResponseSizes();

    /**
     * Creates the client of one load test.
     *
     * @param baseUrl the base URL for relative paths, if any
     * @param timeout the request timeout, also the connect timeout
     * @param testDescription the test method, for configuration errors
     * @param recorder where requests are recorded
     * @param context the running iteration of each thread
     * @param clock the run's clock
     * @param successStatuses statuses of 400 or more that count as success without a check
     */
    public DefaultLoadHttp(Optional<URI> baseUrl, Duration timeout, String testDescription, LatencyRecorder recorder,
            IterationContext context, NanoClock clock, Set<Integer> successStatuses) {
        this.successStatuses = Set.copyOf(successStatuses);
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.testDescription = testDescription;
        this.recorder = recorder;
        this.context = context;
        this.clock = clock;
        this.clients = new HttpClients(timeout);
    }

    @Override
    public LoadResponse get(String pathTemplate, Object... variables) {
        URI uri = uri(pathTemplate, variables);
        HttpRequest request = builderFor(uri).GET().build();
        return exchange("GET " + UriTemplate.pathOf(pathTemplate), request);
    }

    @Override
    public LoadResponse send(HttpRequest request) {
        return send(request.method() + " " + request.uri().getRawPath(), request);
    }

    @Override
    public LoadResponse send(String name, HttpRequest request) {
        HttpRequest prepared = request;
        boolean needsTimeout = request.timeout().isEmpty();
        boolean needsVersion = request.version().isEmpty() && "http".equalsIgnoreCase(request.uri().getScheme());
        if (needsTimeout || needsVersion) {
            HttpRequest.Builder copy = HttpRequest.newBuilder(request, (header, value) -> true);
            if (needsTimeout) {
                copy.timeout(timeout);
            }
            if (needsVersion) {
                copy.version(HttpClient.Version.HTTP_1_1);
            }
            prepared = copy.build();
        }
        return exchange(name, prepared);
    }

    @Override
    public URI uri(String pathTemplate, Object... variables) {
        String expanded = UriTemplate.expand(pathTemplate, variables);
        if (UriTemplate.isAbsolute(expanded)) {
            return URI.create(expanded);
        }
        URI base = baseUrl.orElseThrow(() -> new ExtensionConfigurationException(
                "Configuration error: @LoadTest on method " + testDescription + " requested the relative path [\""
                        + pathTemplate + "\"] but no base URL is set; set the system property '"
                        + LoadTest.BASE_URL_PROPERTY_NAME + "', the environment variable "
                        + LoadTest.BASE_URL_ENVIRONMENT_VARIABLE + ", the configuration parameter '"
                        + LoadTest.BASE_URL_PROPERTY_NAME + "' or @LoadTest(baseUrl = \"http://localhost:8080\")."));
        String prefix = base.toString();
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return URI.create(expanded.startsWith("/") ? prefix + expanded : prefix + "/" + expanded);
    }

    private HttpRequest.Builder builderFor(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // Cleartext HTTP/2 would start with an upgrade dance that no real client does.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder;
    }

    private LoadResponse exchange(String name, HttpRequest request) {
        if (!context.isActive()) {
            // Its status, timing and failure could not be tied to an iteration, so it would go unjudged.
            throw new IllegalStateException("LoadHttp was used outside an iteration's own thread (" + name
                    + "); make requests on the thread that runs the test method's body");
        }
        boolean recorded = recorder.isMeasured(context.intendedNanos());
        long startDelay = context.startDelayNanos();
        long sentAt = clock.nanoTime();
        long[] headersAt = {0};
        HttpResponse<byte[]> response;
        try {
            // Blocking send on the worker: on JDK 17, sendAsync(...).get(timeout) measured about a third of its
            // throughput (docs/benchmarks.md). The client's timeout covers the exchange up to the headers.
            response = clients.client().send(request, info -> {
                headersAt[0] = clock.nanoTime();
                return HttpResponse.BodySubscribers.ofByteArray();
            });
        } catch (HttpTimeoutException late) {
            throw timedOut(recorded, name, startDelay, sentAt, request.timeout().orElse(timeout), headersAt[0] != 0, late);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LoadRequestException(Outcome.CANCELLED, name + " was cancelled", interrupted);
        } catch (IOException broken) {
            Outcome outcome = OutcomeClassifier.classifyExchangeFailure(broken);
            recordFailure(recorded, name, startDelay, clock.nanoTime() - sentAt, outcome);
            throw new LoadRequestException(outcome, name + " failed: " + describe(broken), broken);
        }
        long elapsed = clock.nanoTime() - sentAt;
        int status = response.statusCode();
        byte[] body = response.body();
        EndpointRecorder endpoint = recorded ? recorder.endpoint(name) : null;
        if (endpoint != null) {
            endpoint.recordResponse(startDelay, elapsed, headersAt[0] - sentAt, status, body.length);
            recorder.countStatus(status);
        }
        DefaultLoadResponse loadResponse = new DefaultLoadResponse(name, status, response.headers(), body, elapsed,
                headersAt[0] - sentAt, new DefaultLoadResponse.Sink(request, sizes,
                        recorded ? recorder : null, endpoint));
        if (status >= 400 && !successStatuses.contains(status)) {
            UnacceptedStatus unaccepted = context.errorStatus(DefaultLoadResponse.outcomeOf(status),
                    name + " returned status " + status, loadResponse::uncountFailure);
            loadResponse.failsUnlessAccepted(unaccepted);
        }
        return loadResponse;
    }

    private LoadRequestException timedOut(boolean recorded, String name, long startDelay, long sentAt,
            Duration requestTimeout, boolean duringBody, Exception cause) {
        recordFailure(recorded, name, startDelay, clock.nanoTime() - sentAt, Outcome.TIMEOUT);
        return new LoadRequestException(Outcome.TIMEOUT, name + " timed out after " + requestTimeout.toMillis() + " ms, "
                + (duringBody ? "during the body" : "before the response headers"), cause);
    }

    private void recordFailure(boolean recorded, String name, long startDelay, long elapsed, Outcome outcome) {
        if (recorded) {
            EndpointRecorder endpoint = recorder.endpoint(name);
            endpoint.recordFailure(startDelay, elapsed, outcome);
        }
    }

    private static String describe(IOException broken) {
        String message = broken.getMessage();
        return broken.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    @Override
    public void close() {
        clients.close();
    }
}
