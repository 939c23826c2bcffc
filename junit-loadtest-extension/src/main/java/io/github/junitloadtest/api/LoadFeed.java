package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Test data for the iterations of a load test, one record per call of {@link #next()}; a parameter of
 * the load test method, declared with {@link Feed}. Safe to use from every iteration at once, without
 * a lock.
 *
 * @param <T> the record type: {@code Map<String, String>} for a CSV file, {@code JsonNode} for JSON lines,
 *     the list's element type for a method
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface LoadFeed<T> {

    /**
     * The next record, by the feed's {@link Feed.Mode}.
     *
     * @return the record
     * @throws ExhaustedException in {@link Feed.Mode#ONCE} when every record was handed out; the run then stops
     */
    T next();

    /**
     * How many records this load generator hands out: all of them, or this shard's.
     *
     * @return the count, at least 1
     */
    int size();

    /**
     * Thrown by {@link #next()} when a feed of {@link Feed.Mode#ONCE} has no record left. The iteration
     * that asked is not counted, the run stops, and the test fails saying so.
     *
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    final class ExhaustedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message which feed ran out, after how many records
         */
        public ExhaustedException(String message) {
            super(message, null, false, false);
        }
    }
}
