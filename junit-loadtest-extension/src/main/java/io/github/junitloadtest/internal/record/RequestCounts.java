package io.github.junitloadtest.internal.record;

/**
 * What became of a run's requests.
 *
 * @param sent requests written to an open connection, which may have reached the server
 * @param notSent requests admitted but never written: no connection could be made, or the run
 *     stopped them first
 * @param refused requests refused before any connection, at the request cap or for their host
 */
public record RequestCounts(long sent, long notSent, long refused) {

    /**
     * The cap's reason with what became of the requests, for a run the cap stopped.
     *
     * @param reason the reason given when the cap stopped the run
     * @return the reason and the counts
     */
    public String withCounts(String reason) {
        return reason + "; " + sent + " went out, " + notSent + " admitted but not sent (no connection, or"
                + " stopped with the run), " + refused + " refused";
    }
}
