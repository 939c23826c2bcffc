package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How one iteration of a load test ended.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Outcome {
    /** The body returned and every HTTP status it received was below 400 or accepted by a check. */
    SUCCESS,
    /** An HTTP status from 400 to 499 that no check accepted. */
    HTTP_4XX,
    /** An HTTP status of 500 or more that no check accepted. */
    HTTP_5XX,
    /** A request took longer than the timeout. */
    TIMEOUT,
    /** No connection could be made: refused, unknown host, no route. Such an iteration has no latency sample. */
    CONNECTION,
    /** The connection broke after the request went out: reset, closed mid-response, or a malformed response. */
    RESET,
    /** A check on the response, or an assertion in the body, failed. */
    CHECK_FAILED,
    /** The body threw any other exception. */
    EXCEPTION,
    /** The iteration was still running when the run ended or was stopped, and was interrupted. */
    CANCELLED,
    /**
     * The arrival never started: every worker stayed busy until the run's end. It counts as failed,
     * with the time it waited as its corrected latency, so a service that holds every worker cannot
     * hide behind the arrivals it kept from being sent.
     */
    DROPPED;

    /** Whether this outcome counts as a success. */
    public boolean isSuccess() {
        return this == SUCCESS;
    }
}
