package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Declares where a {@link LoadFeed} parameter of a load test method takes its records: a CSV file
 * with a header row (each record a {@code Map<String, String>} by column), a JSON-lines file
 * ({@code .jsonl} or {@code .ndjson}, each record a Jackson {@code JsonNode}), or a static method of
 * the test class returning a {@code List}, as {@code @MethodSource} names one.
 *
 * <p>A file is looked up on the test class path first, then as a path from the working directory.
 * It is read once, before any request: a file that is missing, empty or malformed, or a method that
 * returns no records, is a configuration error. When the load is spread over shards, each shard
 * takes its own records, dealt as the arrivals are ({@link LoadShard#owns(long)}), so no two shards
 * share one.
 *
 * <pre>{@code
 * @LoadTest(rps = 50, duration = "60s")
 * void checkout(LoadHttp http, @Feed("users.csv") LoadFeed<Map<String, String>> users) {
 *     Map<String, String> user = users.next();
 *     http.post("/api/login").json(Map.of("name", user.get("name"), "password", user.get("password")))
 *             .send().expectStatus(200);
 * }
 * }</pre>
 *
 * @since 0.2
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = EXPERIMENTAL, since = "0.2")
public @interface Feed {

    /** The file, for example {@code "users.csv"} or {@code "data/products.jsonl"}; or empty with {@link #method()}. */
    String value() default "";

    /** A static method of the test class, taking nothing and returning a {@code List}; or empty with {@link #value()}. */
    String method() default "";

    /** How records are handed out; {@link Mode#CIRCULAR} by default. */
    Mode mode() default Mode.CIRCULAR;

    /**
     * How a feed hands out its records.
     *
     * @since 0.2
     */
    enum Mode {
        /** In order, starting again after the last: every record is used about equally often. */
        CIRCULAR,
        /** One chosen at random each time, independently. */
        RANDOM,
        /**
         * In order, each record once: when they are used up the run stops, and the test fails saying the feed
         * ran out before the load ended.
         */
        ONCE
    }
}
