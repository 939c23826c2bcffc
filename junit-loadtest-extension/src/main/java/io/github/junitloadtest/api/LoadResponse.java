package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * A recorded HTTP response with fluent checks; each check returns the response so that checks
 * chain, and throws {@link LoadCheckException} when it fails, which fails the iteration.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface LoadResponse {

    /** The request's name for per-endpoint statistics, for example {@code "GET /api/templates"}. */
    String name();

    /** The HTTP status code. */
    int status();

    /** The response headers. */
    HttpHeaders headers();

    /** The body decoded as UTF-8. */
    String body();

    /** The body's size in bytes. */
    long bodySize();

    /** Time from sending the request to receiving the whole body. */
    Duration elapsed();

    /** Time from sending the request to receiving the response headers; the rest is the body's transfer. */
    Duration timeToHeaders();

    /** Whether the body is valid JSON; a question, not a check: it never fails the iteration. */
    boolean isJson();

    /**
     * Counts a named check, as k6's {@code check} does: its pass rate is reported, and
     * {@link ChecksAbove} can fail the test on it, but a failed check does not fail the iteration.
     * A predicate that throws counts as failed.
     *
     * <pre>{@code
     * http.get("/api/templates")
     *     .check("status is 200", r -> r.status() == 200)
     *     .check("response time < 500ms", r -> r.elapsed().toMillis() < 500)
     *     .check("has valid JSON", LoadResponse::isJson);
     * }</pre>
     *
     * @param name the check's name in the report, for example {@code "status is 200"}
     * @param check the predicate on this response
     * @return this response
     */
    LoadResponse check(String name, Predicate<? super LoadResponse> check);

    /**
     * Checks that the status is one of the expected codes; an expected status of 400 or more is
     * then a success.
     *
     * @param expected for example {@code 200} or {@code 200, 404}
     * @return this response
     */
    LoadResponse expectStatus(int... expected);

    /**
     * Checks that the body is valid JSON.
     *
     * @return this response
     */
    LoadResponse expectJson();

    /**
     * Checks the body with a predicate.
     *
     * @param description what the predicate checks, for failure messages, e.g. {@code "lists templates"}
     * @param check the predicate on the body
     * @return this response
     */
    LoadResponse expectBody(String description, Predicate<? super String> check);

    /**
     * Checks the body, parsed as JSON, with a predicate.
     *
     * @param description what the predicate checks, for failure messages
     * @param check the predicate on the parsed body
     * @return this response
     */
    LoadResponse expectJson(String description, Predicate<? super JsonNode> check);

    /**
     * Checks that the body has the same size as the first response to the same method and URI in this
     * load test (the guide's "consistent response size"); a response of another size fails.
     *
     * @return this response
     */
    LoadResponse expectConsistentSize();

    /**
     * The body parsed as JSON; fails the iteration like {@link #expectJson()} when it is not.
     *
     * @return the parsed body
     */
    JsonNode json();
}
