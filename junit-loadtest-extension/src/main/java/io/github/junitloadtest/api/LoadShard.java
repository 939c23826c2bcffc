package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Which part of a load this JVM sends when several load generators share it
 * ({@value LoadTest#SHARD_PROPERTY_NAME}); a parameter of a load test method or of its
 * {@code @BeforeEach} and {@code @AfterEach} methods. A JVM that sends the whole load is shard 0 of 1.
 * A run that merges shards ({@value LoadTest#MERGE_FROM_PROPERTY_NAME}) sends no load, but runs
 * {@code @BeforeEach} and {@code @AfterEach} all the same: there {@link #isMerge()} is true and
 * {@link #isFirst()} false.
 *
 * <pre>{@code
 * @BeforeEach
 * void seed(LoadShard shard) {
 *     if (shard.isFirst()) {
 *         catalog.createTestData();          // once per run, not once per shard
 *     }
 * }
 *
 * @LoadTest(rps = 200, duration = "60s")
 * void order(LoadHttp http, LoadShard shard) {
 *     long customer = customers.next(shard);  // each shard its own customers: shard.owns(id)
 *     http.post("/orders").json(Map.of("customer", customer)).send().expectStatus(201);
 * }
 * }</pre>
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface LoadShard {

    /** This shard, from 0. */
    int index();

    /** How many shards share the load; 1 when this JVM sends all of it. */
    int count();

    /** The run the shards belong to ({@value LoadTest#RUN_ID_PROPERTY_NAME}); empty for one JVM. */
    String runId();

    /** Whether this is shard 0 of a run that sends load, the one to do what a run needs done once. */
    default boolean isFirst() {
        return index() == 0 && !isMerge();
    }

    /** Whether this run only merges the shards' results and sends no load. */
    default boolean isMerge() {
        return false;
    }

    /**
     * Whether an item of test data, numbered from 0, is this shard's, by the rule that shares the
     * arrivals: item {@code j} is shard {@code j mod N}'s, or follows the shards' weights. Every
     * item is exactly one shard's.
     *
     * @param item zero or more
     * @return true for this shard's items
     */
    boolean owns(long item);
}
