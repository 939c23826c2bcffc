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
    /** No response headers arrived within the timeout. */
    TIMEOUT,
    /** The headers arrived but the body did not finish within the timeout, counted from sending the request. */
    BODY_TIMEOUT,
    /** No connection was made within the timeout: the host did not answer the connection attempt. */
    CONNECT_TIMEOUT,
    /** The connection was refused or the host had no route. Such an iteration has no latency sample. */
    CONNECTION,
    /** The host name could not be resolved. No latency sample. */
    DNS,
    /**
     * The server's certificate was not trusted: an unknown issuer, a self-signed certificate, an
     * expired one. No latency sample.
     */
    TLS_UNTRUSTED,
    /** The server's certificate is trusted but names another host. No latency sample. */
    TLS_HOSTNAME,
    /** Any other TLS failure: no common protocol or cipher, a handshake the server broke off. No latency sample. */
    TLS,
    /** The connection broke after the request went out: reset, closed mid-response, or a malformed response. */
    RESET,
    /**
     * The request was refused before any connection: its host is not allowed, or the run's request cap
     * was reached. Nothing was sent, so no latency sample.
     */
    BLOCKED,
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

    /** Whether this outcome is a timeout: connecting, before the headers or during the body. */
    public boolean isTimeout() {
        return this == TIMEOUT || this == BODY_TIMEOUT || this == CONNECT_TIMEOUT;
    }

    /**
     * Whether an iteration ending so has a latency sample. Failures that end before the service was
     * reached (refused, unresolved, untrusted, blocked) have none: their speed says nothing about the
     * service and would flatter its figures. Timeouts and resets keep theirs, so they can never hide
     * slowness.
     */
    public boolean hasLatency() {
        return switch (this) {
            case CONNECTION, DNS, TLS_UNTRUSTED, TLS_HOSTNAME, TLS, BLOCKED -> false;
            default -> true;
        };
    }
}
