package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadRequest;
import io.github.junitloadtest.api.LoadRequestException;
import io.github.junitloadtest.api.LoadResponse;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.EndpointRecorder;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.IterationContext.UnacceptedStatus;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.record.OutcomeClassifier;
import io.github.junitloadtest.internal.record.RequestCounts;
import io.github.junitloadtest.internal.schedule.NanoClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The {@link LoadHttp} a load test receives: one {@link Http1Transport} per test, each request sent
 * once on the iteration's own worker, and every request recorded under its name.
 */
public final class DefaultLoadHttp implements LoadHttp, AutoCloseable {

    private final Optional<URI> baseUrl;
    private final Duration timeout;
    private final String testDescription;
    private final LatencyRecorder recorder;
    private final IterationContext context;
    private final NanoClock clock;
    private final Transport transport;
    private final Set<Integer> successStatuses;
    private final ResponseSizes sizes = new ResponseSizes();
    private final HostPolicy hosts;
    private final long maxRequests;
    private final int maxBodyBytes;
    private final AtomicLong requestsAllowed = new AtomicLong();
    private final LongAdder wentOut = new LongAdder();
    private final LongAdder notSent = new LongAdder();
    private final LongAdder refused = new LongAdder();
    /** Each {name, value}; replaced whole on each change, so that requests read it without a lock. */
    private volatile List<String[]> defaultHeaders = List.of();

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
     * @param safety allowed hosts, request cap, body cap and TLS verification
     */
    public DefaultLoadHttp(
            Optional<URI> baseUrl,
            Duration timeout,
            String testDescription,
            LatencyRecorder recorder,
            IterationContext context,
            NanoClock clock,
            Set<Integer> successStatuses,
            LoadPlan.Safety safety) {
        this(
                baseUrl,
                timeout,
                testDescription,
                recorder,
                context,
                clock,
                successStatuses,
                safety,
                Transport.HTTP_1_1,
                null);
    }

    /**
     * Creates a client on a transport of the caller's, with a TLS context of the caller's, such as one
     * that trusts a loopback server's own certificate; host names are verified unless the safety
     * settings turn it off.
     *
     * @param baseUrl the base URL for relative paths, if any
     * @param timeout the request timeout, also the connect timeout
     * @param testDescription the test method, for configuration errors
     * @param recorder where requests are recorded
     * @param context the running iteration of each thread
     * @param clock the run's clock
     * @param successStatuses statuses of 400 or more that count as success without a check
     * @param safety allowed hosts, request cap, body cap and TLS verification
     * @param transports opens the transport requests go through
     * @param tls the TLS context for https; null for the one the safety settings call for (the JVM's
     *     default, or one that trusts every certificate)
     */
    public DefaultLoadHttp(
            Optional<URI> baseUrl,
            Duration timeout,
            String testDescription,
            LatencyRecorder recorder,
            IterationContext context,
            NanoClock clock,
            Set<Integer> successStatuses,
            LoadPlan.Safety safety,
            Transport.Factory transports,
            javax.net.ssl.@Nullable SSLContext tls) {
        this.hosts = HostPolicy.of(baseUrl, safety.allowedHosts());
        this.maxRequests = safety.maxRequests();
        this.maxBodyBytes = safety.maxBodyBytes();
        this.successStatuses = Set.copyOf(successStatuses);
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.testDescription = testDescription;
        this.recorder = recorder;
        this.context = context;
        this.clock = clock;
        this.transport = transports.open(
                clock,
                tls != null ? tls : safety.insecureTls() ? TrustingEveryCertificate.context() : defaultTls(),
                !safety.insecureTls());
    }

    @Override
    public synchronized LoadHttp defaultHeader(String name, String value) {
        Optional<String> problem = LoadPlan.Header.problemWithName(name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("default header [\"" + name + "\"] " + problem.get()
                    + "; for example defaultHeader(\"Authorization\", \"Bearer \" + token)");
        }
        if (LoadPlan.Header.breaksTheLine(value)) {
            throw new IllegalArgumentException(
                    "default header " + name + " has a value with a line break, which HTTP does not allow");
        }
        List<String[]> next = new ArrayList<>();
        for (String[] header : defaultHeaders) {
            if (!header[0].equalsIgnoreCase(name)) {
                next.add(header);
            }
        }
        next.add(new String[] {name, value});
        defaultHeaders = List.copyOf(next);
        return this;
    }

    /** The default headers as they are now, each {name, value}. */
    public List<String[]> defaultHeaders() {
        return defaultHeaders;
    }

    @Override
    public LoadRequest request(String method, String pathTemplate, Object... variables) {
        return new DefaultLoadRequest(this, method, pathTemplate, variables);
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
        boolean needsVersion = request.version().isEmpty()
                && "http".equalsIgnoreCase(request.uri().getScheme());
        List<String[]> defaults = defaultHeaders;
        boolean needsDefaults = false;
        for (String[] header : defaults) {
            needsDefaults |= request.headers().firstValue(header[0]).isEmpty();
        }
        if (needsTimeout || needsVersion || needsDefaults) {
            HttpRequest.Builder copy = HttpRequest.newBuilder(request, (header, value) -> true);
            for (String[] header : defaults) {
                if (request.headers().firstValue(header[0]).isEmpty()) {
                    copy.header(header[0], header[1]);
                }
            }
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
                        + Redaction.DEFAULT.text(pathTemplate) + "\"] but no base URL is set; set the system property '"
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
        for (String[] header : defaultHeaders) {
            builder.header(header[0], header[1]);
        }
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // Cleartext HTTP/2 would start with an upgrade dance that no real client does.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder;
    }

    private LoadResponse exchange(String name, HttpRequest request) {
        if (!context.isActive()) {
            // Its status, timing and failure could not be tied to an iteration, so it would go unjudged.
            throw new IllegalStateException("LoadHttp was used outside an iteration (" + name
                    + "): requests go from the test method's body, on the thread that runs it, not from"
                    + " @BeforeEach, @AfterEach or another thread; set what every request needs there with"
                    + " defaultHeader(name, value)");
        }
        boolean recorded = recorder.isMeasured(context.intendedNanos());
        long startDelay = context.startDelayNanos();
        refuseIfNotAllowed(recorded, name, request.uri(), startDelay);
        Duration requestTimeout = request.timeout().orElse(timeout);
        long sentAt = clock.nanoTime();
        long deadline = sentAt + requestTimeout.toNanos();
        Reading reading = new Reading(clock, maxBodyBytes);
        Transport.Response response;
        try {
            // Blocking, on the worker; the deadline covers the connect, the headers and the body.
            response = transport.exchange(
                    request, sentAt + Math.min(timeout.toNanos(), requestTimeout.toNanos()), deadline, reading);
        } catch (IOException failure) {
            throw failedExchange(recorded, name, startDelay, sentAt, requestTimeout, reading, failure);
        } finally {
            (reading.writing ? wentOut : notSent).increment();
        }
        long elapsed = clock.nanoTime() - sentAt;
        context.reachedService();
        int status = response.status();
        ResponseBody body = reading.received();
        EndpointRecorder endpoint = recorded ? recorder.endpoint(name) : null;
        if (endpoint != null) {
            endpoint.recordResponse(startDelay, elapsed, reading.headersAt - sentAt, status, body.size());
            recorder.countStatus(status);
        }
        DefaultLoadResponse loadResponse = new DefaultLoadResponse(
                name,
                status,
                response.headers(),
                new DefaultLoadResponse.Body(body.takeKept(), body.size(), maxBodyBytes),
                elapsed,
                reading.headersAt - sentAt,
                new DefaultLoadResponse.Sink(request, sizes, recorded ? recorder : null, endpoint));
        if (status >= 400 && !successStatuses.contains(status)) {
            UnacceptedStatus unaccepted = context.errorStatus(
                    DefaultLoadResponse.outcomeOf(status),
                    name + " returned status " + status,
                    loadResponse::uncountFailure);
            loadResponse.failsUnlessAccepted(unaccepted);
        }
        return loadResponse;
    }

    private LoadRequestException failedExchange(
            boolean recorded,
            String name,
            long startDelay,
            long sentAt,
            Duration requestTimeout,
            Reading reading,
            IOException failure) {
        if (Thread.currentThread().isInterrupted()
                || failure instanceof java.io.InterruptedIOException
                || failure instanceof java.nio.channels.ClosedByInterruptException) {
            Thread.currentThread().interrupt();
            return new LoadRequestException(Outcome.CANCELLED, name + " was cancelled", failure);
        }
        if (failure instanceof Transport.BodyTimeoutException) {
            context.reachedService();
            // No byte count in the message: it would make every such failure a distinct error sample.
            return failed(
                    recorded,
                    name,
                    startDelay,
                    sentAt,
                    Outcome.BODY_TIMEOUT,
                    name + " timed out after " + requestTimeout.toMillis() + " ms, during the body",
                    failure,
                    reading.body);
        }
        // A timeout before anything was written: the connection, its TLS handshake included, was not up in time.
        if (failure instanceof HttpConnectTimeoutException
                || (failure instanceof HttpTimeoutException && !reading.writing)) {
            context.reachedService();
            return failed(
                    recorded,
                    name,
                    startDelay,
                    sentAt,
                    Outcome.CONNECT_TIMEOUT,
                    name + " could not connect within " + requestTimeout.toMillis() + " ms",
                    failure,
                    null);
        }
        if (failure instanceof HttpTimeoutException) {
            context.reachedService();
            return failed(
                    recorded,
                    name,
                    startDelay,
                    sentAt,
                    Outcome.TIMEOUT,
                    name + " timed out after " + requestTimeout.toMillis() + " ms, before the response headers",
                    failure,
                    null);
        }
        // Once the headers came, the service was reached: whatever broke the body is a reset.
        Outcome outcome = reading.headersAt != 0 ? Outcome.RESET : OutcomeClassifier.classifyExchangeFailure(failure);
        if (outcome.hasLatency()) {
            context.reachedService();
        }
        return failed(
                recorded,
                name,
                startDelay,
                sentAt,
                outcome,
                name + " failed: " + describe(outcome, failure),
                failure,
                reading.body);
    }

    /** One exchange's response: when its headers came, and its body as it streams in. */
    private static final class Reading implements Transport.Receiver {
        private final NanoClock clock;
        private final int limit;
        boolean writing;
        long headersAt;

        @Nullable
        ResponseBody body;

        Reading(NanoClock clock, int limit) {
            this.clock = clock;
            this.limit = limit;
        }

        /** The body of a response whose headers came, as every completed exchange's did. */
        ResponseBody received() {
            if (body == null) {
                throw new IllegalStateException("a response without headers");
            }
            return body;
        }

        @Override
        public void writing() {
            writing = true;
        }

        @Override
        public void headers(int status, java.net.http.HttpHeaders headers) {
            headersAt = clock.nanoTime();
            body = new ResponseBody(limit);
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
            if (body == null) {
                throw new IllegalStateException("a body before its headers");
            }
            body.accept(bytes, offset, length);
        }
    }

    static javax.net.ssl.SSLContext defaultTls() {
        try {
            return javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("this JVM has no default TLS context", unavailable);
        }
    }

    /** Refuses, before any name lookup or connection, a request to a host not allowed or past the request cap. */
    private void refuseIfNotAllowed(boolean recorded, String name, URI uri, long startDelay) {
        String reason = null;
        if (!hosts.allows(uri.getHost())) {
            reason = "its host " + uri.getHost() + " is not allowed (allowed: " + hosts.describe() + "); allow it with"
                    + " @LoadTest(allowedHosts = \"" + uri.getHost() + "\") or -D"
                    + LoadTest.ALLOWED_HOSTS_PROPERTY_NAME
                    + "=" + uri.getHost();
        } else if (maxRequests > 0 && requestsAllowed.incrementAndGet() > maxRequests) {
            reason = "the run reached its cap of " + maxRequests + " requests";
        }
        if (reason != null) {
            refused.increment();
            String message = name + " was not sent: " + reason;
            // Counted for the verdict whatever the body does with the exception, warm-up included.
            recorder.countBlocked(message);
            if (recorded) {
                recorder.endpoint(name).recordFailure(startDelay, 0, Outcome.BLOCKED, 0);
            }
            throw new LoadRequestException(Outcome.BLOCKED, message, null);
        }
    }

    /**
     * Why the run must stop because a request was refused at the request cap, if one was.
     *
     * @return the reason, once a request past the cap was refused
     */
    public Optional<String> capReached() {
        if (maxRequests > 0 && requestsAllowed.get() > maxRequests) {
            return Optional.of("request cap reached: " + maxRequests + " requests admitted, the most allowed (@LoadTest"
                    + " maxRequests or " + LoadTest.MAX_REQUESTS_PROPERTY_NAME + ")");
        }
        return Optional.empty();
    }

    /**
     * What became of the requests so far: how many went out, how many were admitted but never
     * written, how many were refused. Read once the run has ended, the figures are final.
     *
     * @return the counts
     */
    public RequestCounts requestCounts() {
        return new RequestCounts(wentOut.sum(), notSent.sum(), refused.sum());
    }

    private LoadRequestException failed(
            boolean recorded,
            String name,
            long startDelay,
            long sentAt,
            Outcome outcome,
            String message,
            @Nullable Exception cause,
            @Nullable ResponseBody body) {
        long elapsed = clock.nanoTime() - sentAt;
        if (recorded) {
            recorder.endpoint(name).recordFailure(startDelay, elapsed, outcome, body == null ? 0 : body.size());
        }
        return new LoadRequestException(outcome, message, cause);
    }

    private static String describe(Outcome outcome, IOException broken) {
        String what = switch (outcome) {
            case DNS -> "host name not resolved, ";
            case CONNECTION -> "connection refused or no route, ";
            case TLS_UNTRUSTED -> "TLS certificate not trusted, ";
            case TLS_HOSTNAME -> "TLS certificate is for another host, ";
            case TLS -> "TLS handshake failed, ";
            default -> "";
        };
        // TLS and socket failures often wrap their cause in an exception of the same class and message.
        Throwable root = broken;
        for (int depth = 0; root.getCause() != null && depth < 8; depth++) {
            root = root.getCause();
        }
        return what + text(broken) + (root == broken || text(root).equals(text(broken)) ? "" : " (" + text(root) + ")");
    }

    private static String text(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    @Override
    public void close() {
        transport.close();
    }
}
