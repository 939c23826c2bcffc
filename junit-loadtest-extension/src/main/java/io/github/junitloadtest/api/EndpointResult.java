package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Figures of the requests sharing one name, measured after warm-up.
 *
 * <p>An endpoint's corrected latency is its request time plus the delay its iteration waited
 * before it started, so a backlog counts against every request it held up.
 *
 * @param name for example {@code "GET /api/templates/{slug}"}
 * @param requests how many requests completed or failed
 * @param corrected latency including the iteration's start delay
 * @param serviceTime latency from sending to the end of the body
 * @param timeToHeaders latency from sending to the response headers, the rest being the body's transfer
 * @param status2xx responses from 200 to 299
 * @param status3xx responses from 300 to 399
 * @param status4xx responses from 400 to 499
 * @param status5xx responses of 500 or more
 * @param timeouts requests that timed out: connecting, before the headers or during the body
 * @param connectionErrors requests that never reached the service: refused, unresolved, TLS failures, blocked
 * @param resets requests whose connection broke after they were sent
 * @param failed requests that failed: no response, an error status no check accepted, or a failed check
 * @param bytesReceived body bytes received
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record EndpointResult(
        String name,
        long requests,
        LatencySummary corrected,
        LatencySummary serviceTime,
        LatencySummary timeToHeaders,
        long status2xx,
        long status3xx,
        long status4xx,
        long status5xx,
        long timeouts,
        long connectionErrors,
        long resets,
        long failed,
        long bytesReceived) {

    /** Failed requests in percent of all requests; zero with no requests. */
    public double errorRatePercent() {
        return requests == 0 ? 0 : 100.0 * failed / requests;
    }
}
