package io.github.junitloadtest.internal.record;

/**
 * The figures of the requests sharing one name, warm-up excluded.
 *
 * @param name for example {@code "GET /api/templates"}
 * @param corrected latency from the iteration's intended start to the request's end
 * @param service from sending to the end of the body
 * @param timeToHeaders from sending to the response headers
 * @param status2xx responses with a 2xx status (1xx included)
 * @param status3xx responses with a 3xx status
 * @param status4xx responses with a 4xx status
 * @param status5xx responses with a 5xx status
 * @param timeouts requests that timed out
 * @param connectionErrors requests that could not connect
 * @param resets requests whose connection broke
 * @param failed requests counted as failed: no response, an unaccepted error status or a failed check
 * @param bytes body bytes received
 */
public record EndpointSnapshot(
        String name,
        LatencyDistribution corrected,
        LatencyDistribution service,
        LatencyDistribution timeToHeaders,
        long status2xx,
        long status3xx,
        long status4xx,
        long status5xx,
        long timeouts,
        long connectionErrors,
        long resets,
        long failed,
        long bytes) {

    /** Every request of this name, answered or not. */
    public long requests() {
        return status2xx + status3xx + status4xx + status5xx + timeouts + connectionErrors + resets;
    }

    /** The same figures under another name. */
    EndpointSnapshot named(String other) {
        return new EndpointSnapshot(
                other,
                corrected,
                service,
                timeToHeaders,
                status2xx,
                status3xx,
                status4xx,
                status5xx,
                timeouts,
                connectionErrors,
                resets,
                failed,
                bytes);
    }

    /**
     * The same endpoint of another generator's run added in.
     *
     * @param other the endpoint of the same name
     * @return the sum
     */
    public EndpointSnapshot plus(EndpointSnapshot other) {
        return new EndpointSnapshot(
                name,
                corrected.plus(other.corrected),
                service.plus(other.service),
                timeToHeaders.plus(other.timeToHeaders),
                status2xx + other.status2xx,
                status3xx + other.status3xx,
                status4xx + other.status4xx,
                status5xx + other.status5xx,
                timeouts + other.timeouts,
                connectionErrors + other.connectionErrors,
                resets + other.resets,
                failed + other.failed,
                bytes + other.bytes);
    }
}
