package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.net.http.HttpRequest;
import org.apiguardian.api.API;

/**
 * The HTTP client a load test receives as a parameter; safe to use from every iteration at once.
 *
 * <p>Requests must be made on the thread that runs the test method's body: a request from another
 * thread could not be tied to its iteration and is refused with an {@link IllegalStateException}.
 *
 * <p>Each request is named for per-endpoint statistics, by default its method and path template
 * ({@code "GET /api/templates/{slug}"}), and recorded with its status, size and timing. A request
 * that cannot complete throws a {@link LoadRequestException} whose {@link Outcome} says why (a
 * timeout before the headers or during the body, a failure to connect, resolve or trust the host, a
 * reset, or a request not sent because its host is not allowed or the request cap was reached),
 * which fails the iteration. A response with a status of 400 or more fails the iteration unless
 * {@link LoadResponse#expectStatus(int...)} accepts it.
 *
 * <p>One deadline, the load test's timeout counted from sending, covers the headers and the whole
 * body. Bodies are read as they stream in and counted; the first bytes, up to
 * {@value LoadTest#MAX_BODY_SIZE_PROPERTY_NAME} (1 MiB by default), are kept for checks. Redirects
 * are never followed.
 *
 * <pre>{@code
 * JsonNode templates = http.get("/api/templates").expectStatus(200).json();
 * String slug = templates.get(0).get("slug").asText();
 * http.get("/api/templates/{slug}", slug).expectStatus(200, 404);
 * http.post("/api/orders").json(Map.of("template", slug)).send().expectStatus(201);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface LoadHttp {

    /**
     * Sends a {@code GET} to a path or absolute URL; {@code {name}} placeholders take the variables
     * in order, URL-encoded.
     *
     * @param pathTemplate for example {@code "/api/templates/{slug}"} or {@code "https://host/x"}
     * @param variables one value per placeholder, in order
     * @return the response, already recorded
     */
    LoadResponse get(String pathTemplate, Object... variables);

    /**
     * Sends a prebuilt request, named by its method and path. Build its absolute URI with
     * {@link #uri(String, Object...)}; the load test's timeout applies unless the request sets its own.
     *
     * @param request the request to send
     * @return the response, already recorded
     */
    LoadResponse send(HttpRequest request);

    /**
     * Sends a prebuilt request under the given name for per-endpoint statistics.
     *
     * @param name for example {@code "POST /api/orders"}
     * @param request the request to send
     * @return the response, already recorded
     */
    LoadResponse send(String name, HttpRequest request);

    /**
     * Resolves a path template against the base URL, for building requests by hand.
     *
     * @param pathTemplate for example {@code "/api/templates/{slug}"}
     * @param variables one value per placeholder, in order
     * @return the absolute URI
     */
    URI uri(String pathTemplate, Object... variables);

    /**
     * Sends a header with every later request of this test that does not set that header itself,
     * replacing a default of the same name from {@link LoadHeader} or
     * {@value LoadTest#HEADERS_PROPERTY_NAME}. For a value known only when the test runs, such as a
     * token fetched once in {@code @BeforeEach}, which may take {@code LoadHttp} as a parameter for
     * this; safe to call during the load too, for example to renew a token. Its value is never shown
     * in any output; give secret headers beyond {@code Authorization} and {@code Cookie} in
     * {@value LoadTest#SECRET_HEADERS_PROPERTY_NAME} so they are redacted where a service echoes them.
     *
     * <pre>{@code
     * @BeforeEach
     * void logIn(LoadHttp http) {
     *     http.defaultHeader("Authorization", "Bearer " + tokens.fetch());
     * }
     * }</pre>
     *
     * @param name for example {@code "Authorization"}
     * @param value its value
     * @return this client
     * @throws IllegalArgumentException when the name is not an HTTP token, is one the transport sets
     *     itself ({@code Host}, {@code Content-Length} …), or the value holds a line break
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    LoadHttp defaultHeader(String name, String value);

    /**
     * Starts a request of any method to a path or absolute URL; {@code {name}} placeholders take the
     * variables in order, URL-encoded. Nothing is sent until {@link LoadRequest#send()}.
     *
     * @param method for example {@code "POST"}
     * @param pathTemplate for example {@code "/api/orders/{id}"} or {@code "https://host/x"}
     * @param variables one value per placeholder, in order
     * @return the request to complete and send
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    LoadRequest request(String method, String pathTemplate, Object... variables);

    /**
     * Starts a {@code POST}; see {@link #request}.
     *
     * @param pathTemplate for example {@code "/api/orders"}
     * @param variables one value per placeholder, in order
     * @return the request to complete and send
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    default LoadRequest post(String pathTemplate, Object... variables) {
        return request("POST", pathTemplate, variables);
    }

    /**
     * Starts a {@code PUT}; see {@link #request}.
     *
     * @param pathTemplate for example {@code "/api/orders/{id}"}
     * @param variables one value per placeholder, in order
     * @return the request to complete and send
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    default LoadRequest put(String pathTemplate, Object... variables) {
        return request("PUT", pathTemplate, variables);
    }

    /**
     * Starts a {@code PATCH}; see {@link #request}.
     *
     * @param pathTemplate for example {@code "/api/orders/{id}"}
     * @param variables one value per placeholder, in order
     * @return the request to complete and send
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    default LoadRequest patch(String pathTemplate, Object... variables) {
        return request("PATCH", pathTemplate, variables);
    }

    /**
     * Starts a {@code DELETE}; see {@link #request}.
     *
     * @param pathTemplate for example {@code "/api/orders/{id}"}
     * @param variables one value per placeholder, in order
     * @return the request to complete and send
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    default LoadRequest delete(String pathTemplate, Object... variables) {
        return request("DELETE", pathTemplate, variables);
    }

    /**
     * Starts a {@code HEAD}; see {@link #request}. Its response has no body.
     *
     * @param pathTemplate for example {@code "/api/orders/{id}"}
     * @param variables one value per placeholder, in order
     * @return the request to complete and send
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    default LoadRequest head(String pathTemplate, Object... variables) {
        return request("HEAD", pathTemplate, variables);
    }
}
