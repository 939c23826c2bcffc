package io.github.junitloadtest.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.junitloadtest.api.LoadCheckException;
import io.github.junitloadtest.api.LoadResponse;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.record.EndpointRecorder;
import io.github.junitloadtest.internal.record.IterationContext.UnacceptedStatus;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** A response and its checks. */
final class DefaultLoadResponse implements LoadResponse {

    /** The one Jackson mapper of LoadHttp: bodies it reads, and JSON bodies a request sends. */
    static final ObjectMapper JSON = new ObjectMapper();

    private static final int MAX_QUOTED_BODY = 200;

    private final String name;
    private final int status;
    private final HttpHeaders headers;
    private final Body body;
    private final long elapsedNanos;
    private @Nullable UnacceptedStatus unaccepted;
    private boolean failureCounted;
    private boolean checking;
    private final long headersNanos;
    private final Sink sink;
    private @Nullable String text;
    private @Nullable JsonNode json;

    /**
     * Where a response's checks report.
     *
     * @param request the request, whose method and URI key the consistent-size check
     * @param sizes first sizes seen per request
     * @param recorder where named checks are counted; null during warm-up
     * @param endpoint the endpoint whose failures a failed check adds to; null during warm-up
     */
    record Sink(
            HttpRequest request,
            ResponseSizes sizes,
            @Nullable LatencyRecorder recorder,
            @Nullable EndpointRecorder endpoint) {

        /** Built only when a check needs it, not for every response. */
        String sizeKey() {
            return request.method() + " " + request.uri();
        }
    }

    /**
     * A body as received: the bytes kept and the size of the whole. A class rather than a record, whose
     * equality would compare the array by reference.
     */
    static final class Body {
        private final byte[] kept;
        private final long size;
        private final int limit;

        /**
         * @param kept the first bytes, at most the limit
         * @param size every byte received
         * @param limit the most bytes kept
         */
        Body(byte[] kept, long size, int limit) {
            this.kept = kept;
            this.size = size;
            this.limit = limit;
        }

        byte[] kept() {
            return kept;
        }

        long size() {
            return size;
        }

        int limit() {
            return limit;
        }

        boolean truncated() {
            return size > kept.length;
        }
    }

    DefaultLoadResponse(
            String name, int status, HttpHeaders headers, Body body, long elapsedNanos, long headersNanos, Sink sink) {
        this.headersNanos = headersNanos;
        this.sink = sink;
        this.name = name;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.elapsedNanos = elapsedNanos;
    }

    /** Marks this response's status as an error that fails the iteration unless a check accepts it. */
    void failsUnlessAccepted(UnacceptedStatus status) {
        this.unaccepted = status;
        countFailure();
    }

    /** Counts this request as failed for its endpoint, once, however many checks fail. */
    void countFailure() {
        EndpointRecorder endpoint = sink.endpoint();
        if (!failureCounted && !checking && endpoint != null) {
            failureCounted = true;
            endpoint.countFailure();
        }
    }

    /** Takes back the failure counted for an error status that a check accepted. */
    void uncountFailure() {
        EndpointRecorder endpoint = sink.endpoint();
        if (failureCounted && endpoint != null) {
            failureCounted = false;
            endpoint.uncountFailure();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public String body() {
        if (text == null) {
            try {
                text = new String(keptBody(), StandardCharsets.UTF_8);
            } catch (LoadCheckException tooLarge) {
                countFailure();
                throw tooLarge;
            }
        }
        return text;
    }

    /** The whole body for a check; a body larger than what was kept cannot be checked and fails the iteration. */
    private byte[] keptBody() {
        if (body.truncated()) {
            throw new LoadCheckException(
                    Outcome.CHECK_FAILED,
                    name + " returned a body of " + body.size()
                            + " bytes, more than the "
                            + body.limit() + " bytes kept for checks; raise -D" + LoadTest.MAX_BODY_SIZE_PROPERTY_NAME
                            + " (for example \"4MiB\") to check it");
        }
        return body.kept();
    }

    @Override
    public long bodySize() {
        return body.size();
    }

    @Override
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos);
    }

    @Override
    public Duration timeToHeaders() {
        return Duration.ofNanos(headersNanos);
    }

    @Override
    public boolean isJson() {
        try {
            parsedJson();
            return true;
        } catch (LoadCheckException notJson) {
            return false;
        }
    }

    @Override
    public LoadResponse check(String name, Predicate<? super LoadResponse> check) {
        boolean passed;
        // A check observes; whatever its predicate throws (a failed assertion included) counts as a failed check.
        checking = true;
        try {
            passed = check.test(this);
        } catch (RuntimeException | AssertionError broken) {
            passed = false;
        } finally {
            checking = false;
        }
        if (sink.recorder() != null) {
            sink.recorder().recordCheck(name, passed);
        }
        return this;
    }

    @Override
    public LoadResponse expectStatus(int... expected) {
        for (int code : expected) {
            if (code == status) {
                if (unaccepted != null) {
                    unaccepted.accept();
                }
                return this;
            }
        }
        String wanted = Arrays.stream(expected).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
        throw failed(outcomeOf(status), name + " returned status " + status + ", expected " + wanted);
    }

    @Override
    public LoadResponse expectJson() {
        json();
        return this;
    }

    @Override
    public LoadResponse expectBody(String description, Predicate<? super String> check) {
        if (!check.test(body())) {
            throw failed(Outcome.CHECK_FAILED, name + " failed check [" + description + "] on body " + quote(body()));
        }
        return this;
    }

    @Override
    public LoadResponse expectJson(String description, Predicate<? super JsonNode> check) {
        if (!check.test(json())) {
            throw failed(Outcome.CHECK_FAILED, name + " failed check [" + description + "] on body " + quote(body()));
        }
        return this;
    }

    @Override
    public LoadResponse expectConsistentSize() {
        String key = sink.sizeKey();
        long first = sink.sizes().firstSizeOf(key, body.size());
        if (first != body.size()) {
            throw failed(
                    Outcome.CHECK_FAILED,
                    name + " returned " + body.size() + " bytes where the first response to " + key + " had " + first);
        }
        return this;
    }

    @Override
    public JsonNode json() {
        try {
            return parsedJson();
        } catch (LoadCheckException notJson) {
            countFailure();
            throw notJson;
        }
    }

    private LoadCheckException failed(Outcome outcome, String message) {
        countFailure();
        return new LoadCheckException(outcome, message);
    }

    private JsonNode parsedJson() {
        if (json == null) {
            try {
                json = JSON.readTree(keptBody());
            } catch (java.io.IOException e) {
                String reason =
                        e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage();
                throw new LoadCheckException(
                        Outcome.CHECK_FAILED,
                        name + " returned a body that is not valid JSON (" + reason + "): "
                                + quote(new String(body.kept(), StandardCharsets.UTF_8)));
            }
            if (json == null || json.isMissingNode()) {
                json = null;
                throw new LoadCheckException(Outcome.CHECK_FAILED, name + " returned an empty body, expected JSON");
            }
        }
        return json;
    }

    @Override
    public String toString() {
        return name + " -> " + status + " (" + body.size() + " bytes)";
    }

    static Outcome outcomeOf(int status) {
        if (status >= 500) {
            return Outcome.HTTP_5XX;
        }
        return status >= 400 ? Outcome.HTTP_4XX : Outcome.CHECK_FAILED;
    }

    private static String quote(String text) {
        String oneLine = text.replace('\n', ' ');
        return "[" + (oneLine.length() <= MAX_QUOTED_BODY ? oneLine : oneLine.substring(0, MAX_QUOTED_BODY) + "…")
                + "]";
    }
}
