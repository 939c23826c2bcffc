package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.Outcome;
import java.util.concurrent.atomic.LongAdder;

/** Figures of the requests sharing one name. */
public final class EndpointRecorder {

    private final String name;
    private final LatencyPair latency = new LatencyPair();
    private final LatencySeries timeToHeaders = new LatencySeries();
    private final LongAdder status2xx = new LongAdder();
    private final LongAdder status3xx = new LongAdder();
    private final LongAdder status4xx = new LongAdder();
    private final LongAdder status5xx = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder failures = new LongAdder();

    EndpointRecorder(String name) {
        this.name = name;
    }

    /**
     * Records a request that received a response.
     *
     * @param startDelayNanos how late the iteration started against its intended start
     * @param serviceNanos from sending to the end of the body
     * @param headersNanos from sending to the response headers
     * @param status the HTTP status
     * @param bodyBytes body size
     */
    public void recordResponse(long startDelayNanos, long serviceNanos, long headersNanos, int status, long bodyBytes) {
        latency.record(Micros.ceil(startDelayNanos + serviceNanos), Micros.ceil(serviceNanos));
        timeToHeaders.record(Micros.ceil(headersNanos));
        statusCounter(status).increment();
        bytes.add(bodyBytes);
    }

    /**
     * Records a request that got no response. A timeout or a reset stays in the latency figures (a
     * timeout at least its timeout), so it can never hide slowness; an outcome without latency (see
     * {@link Outcome#hasLatency()}) counts as a connection error only.
     *
     * @param startDelayNanos how late the iteration started against its intended start
     * @param serviceNanos from sending to the failure
     * @param outcome a timeout, a reset or a failure to connect
     * @param bodyBytes body bytes received before the failure
     */
    public void recordFailure(long startDelayNanos, long serviceNanos, Outcome outcome, long bodyBytes) {
        failures.increment();
        bytes.add(bodyBytes);
        if (!outcome.hasLatency()) {
            connectionErrors.increment();
            return;
        }
        latency.record(Micros.ceil(startDelayNanos + serviceNanos), Micros.ceil(serviceNanos));
        (outcome.isTimeout() ? timeouts : resets).increment();
    }

    /** Counts a failed request of this endpoint: an unaccepted error status or a failed check. */
    public void countFailure() {
        failures.increment();
    }

    /** Takes back a failure counted for an error status that a check then accepted. */
    public void uncountFailure() {
        failures.decrement();
    }

    void harvest() {
        latency.harvest();
        timeToHeaders.harvest();
    }

    EndpointSnapshot snapshot() {
        return new EndpointSnapshot(
                name,
                latency.corrected(),
                latency.service(),
                timeToHeaders.distribution(),
                status2xx.sum(),
                status3xx.sum(),
                status4xx.sum(),
                status5xx.sum(),
                timeouts.sum(),
                connectionErrors.sum(),
                resets.sum(),
                Math.max(0, failures.sum()),
                bytes.sum());
    }

    private LongAdder statusCounter(int status) {
        if (status >= 500) {
            return status5xx;
        }
        if (status >= 400) {
            return status4xx;
        }
        return status >= 300 ? status3xx : status2xx;
    }
}
