package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A request being built, from {@link LoadHttp#post}, {@link LoadHttp#put} and the other verbs; sent,
 * and recorded like every request, by {@link #send()}.
 *
 * <pre>{@code
 * http.post("/api/orders").header("Idempotency-Key", key).json(Map.of("sku", sku, "quantity", 1))
 *         .send().expectStatus(201);
 * http.delete("/api/orders/{id}", id).named("DELETE /api/orders/{id}").send().expectStatus(204, 404);
 * }</pre>
 *
 * <p>A builder is for one request, on the iteration's own thread; it is not reused after {@link #send()}.
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface LoadRequest {

    /**
     * Adds a header; a name given twice sends both values.
     *
     * @param name for example {@code "Authorization"}; redacted from every report when a secret one
     * @param value its value
     * @return this request
     */
    LoadRequest header(String name, String value);

    /**
     * Adds a query parameter, URL-encoded, after any the path already has.
     *
     * @param name for example {@code "page"}
     * @param value its value, by {@link String#valueOf(Object)}
     * @return this request
     */
    LoadRequest query(String name, Object value);

    /**
     * Names the request for the per-endpoint figures instead of its method and path template.
     *
     * @param name for example {@code "checkout"}
     * @return this request
     */
    LoadRequest named(String name);

    /**
     * Sends this text as the body, {@code text/plain; charset=UTF-8} unless a {@code Content-Type}
     * header says otherwise.
     *
     * @param text the body, in UTF-8
     * @return this request
     */
    LoadRequest body(String text);

    /**
     * Sends these bytes as the body, {@code application/octet-stream} unless a {@code Content-Type}
     * header says otherwise.
     *
     * @param bytes the body
     * @return this request
     */
    LoadRequest body(byte[] bytes);

    /**
     * Sends a value as a JSON body, written by Jackson ({@code Map}s, lists, records and beans),
     * {@code application/json} unless a {@code Content-Type} header says otherwise.
     *
     * @param value the value
     * @return this request
     * @throws IllegalArgumentException when Jackson cannot write the value
     */
    LoadRequest json(Object value);

    /**
     * Sends the request, once, and records it.
     *
     * @return the response, already recorded
     */
    LoadResponse send();
}
