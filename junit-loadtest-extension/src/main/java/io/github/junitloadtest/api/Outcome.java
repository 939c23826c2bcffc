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
    /** A connection could not be made or broke during the exchange. */
    CONNECTION,
    /** A check on the response, or an assertion in the body, failed. */
    CHECK_FAILED,
    /** The body threw any other exception. */
    EXCEPTION,
    /** The iteration was still running when the run ended or was stopped, and was interrupted. */
    CANCELLED;

    /** Whether this outcome counts as a success. */
    public boolean isSuccess() {
        return this == SUCCESS;
    }
}
