package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A request made through {@link LoadHttp} did not complete; the iteration counts as failed with
 * {@link #outcome()}.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class LoadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Outcome outcome;

    /**
     * Creates the failure of one request.
     *
     * @param outcome for example {@link Outcome#TIMEOUT} or {@link Outcome#CONNECTION}
     * @param message which request failed and how
     * @param cause the client's exception
     */
    public LoadRequestException(Outcome outcome, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    /** How the failed iteration is classified. */
    public Outcome outcome() {
        return outcome;
    }
}
