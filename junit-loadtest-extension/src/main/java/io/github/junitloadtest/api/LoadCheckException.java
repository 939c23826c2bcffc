package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * A check on a {@link LoadResponse} failed; the iteration counts as failed with {@link #outcome()}.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class LoadCheckException extends AssertionFailedError {

    private static final long serialVersionUID = 1L;

    private final Outcome outcome;

    /**
     * Creates the failure of one check.
     *
     * @param outcome how the iteration is classified, for example {@link Outcome#HTTP_5XX}
     * @param message what was expected and what came instead
     */
    public LoadCheckException(Outcome outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    /** How the failed iteration is classified. */
    public Outcome outcome() {
        return outcome;
    }
}
