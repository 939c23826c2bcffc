package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.junitloadtest.internal.jupiter.LoadTestExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated method as the iteration of a load test and fails the test when a declared
 * threshold is violated.
 *
 * <p>The load takes one of three forms:
 * <ul>
 *   <li>{@code rps} with {@code duration}: a constant arrival rate (open model). Arrival {@code i} is
 *       due at {@code start + i / rps}, whether or not earlier iterations have finished.</li>
 *   <li>{@code stages}: an arrival rate or a number of users that changes stage by stage, see
 *       {@link Stage}.</li>
 *   <li>{@code users} with {@code duration}: that many users (closed model), each running the body in a
 *       loop with {@link #thinkTime()} between iterations; with no think time this is a maximum
 *       throughput run, as {@code wrk -c100} does.</li>
 * </ul>
 * In an open model, latency is measured from each arrival's <em>intended</em> start, so waiting
 * behind a slow iteration counts against the service (coordinated-omission correction); the time
 * from the actual start (service time) is recorded beside it. Latency thresholds apply to the
 * corrected figures. A closed model has no schedule: a slow service slows its users down, which hides
 * queueing; its summary says so.
 *
 * <p>{@code @LoadTest} alone makes a method a test: it is meta-annotated with {@link Test},
 * registers the extension and carries the tag {@value #TAG}, so a build can include or exclude load
 * tests ({@code -Dgroups=load} or {@code -DexcludedGroups=load} with Surefire).
 * {@code @BeforeEach} and {@code @AfterEach} methods run once around the whole load run.
 *
 * <h2>Durations</h2>
 * <p>{@link #duration()}, {@link #warmup()} and {@link #timeout()} take text in one of these forms:
 * <table>
 *   <caption>Duration grammar</caption>
 *   <tr><th>form</th><th>example</th><th>meaning</th></tr>
 *   <tr><td>milliseconds</td><td>{@code "500ms"}</td><td>half a second</td></tr>
 *   <tr><td>seconds</td><td>{@code "30s"}</td><td>thirty seconds</td></tr>
 *   <tr><td>minutes</td><td>{@code "2m"}</td><td>two minutes</td></tr>
 *   <tr><td>hours</td><td>{@code "1h"}</td><td>one hour</td></tr>
 *   <tr><td>combined, largest unit first</td><td>{@code "1h30m"}, {@code "1m30s"}</td><td>ninety minutes, ninety seconds</td></tr>
 *   <tr><td>ISO-8601</td><td>{@code "PT30S"}, {@code "PT1M30S"}</td><td>as {@link java.time.Duration#parse}</td></tr>
 * </table>
 * Each number is a whole, non-negative number. The system property or configuration parameter
 * {@value #DURATION_SCALE_PROPERTY_NAME} multiplies {@code duration} and {@code warmup} (never the
 * rate or the timeout), so a smoke run keeps the shape of the test.
 *
 * <h2>Base URL</h2>
 * <p>Relative paths given to {@link LoadHttp} resolve against the first of: the system property
 * {@value #BASE_URL_PROPERTY_NAME}, the environment variable {@value #BASE_URL_ENVIRONMENT_VARIABLE},
 * the JUnit configuration parameter {@value #BASE_URL_PROPERTY_NAME}, and {@link #baseUrl()}.
 *
 * <pre>{@code
 * @LoadTest(rps = 16.7, duration = "60s", warmup = "5s")
 * @P95Below(500) @P99Below(1000) @ErrorRateBelow(1.0)
 * void templateList(LoadHttp http) {
 *     http.get("/api/public/factory/templates").expectStatus(200).expectJson();
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Tag(LoadTest.TAG)
@ExtendWith(LoadTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface LoadTest {

    /** The tag every load test carries: {@value}. */
    String TAG = "load";

    /** System property and configuration parameter naming the base URL: {@value}. */
    String BASE_URL_PROPERTY_NAME = "loadtest.baseUrl";

    /** Environment variable naming the base URL, as k6 scripts read it: {@value}. */
    String BASE_URL_ENVIRONMENT_VARIABLE = "BASE_URL";

    /**
     * System property and configuration parameter giving headers for every request: {@value}. Each
     * header is {@code Name: value}, headers apart by a new line or {@code |}, for example
     * {@code Authorization: Bearer ${env:API_TOKEN} | X-Tenant: acme}; {@code ${env:NAME}} reads an
     * environment variable. They win over {@link LoadHeader} annotations of the same name.
     *
     * @since 0.2
     */
    String HEADERS_PROPERTY_NAME = "loadtest.headers";

    /**
     * Environment variable giving headers for every request, as {@link #HEADERS_PROPERTY_NAME} does:
     * {@value}; a CI secret can be put in it whole.
     *
     * @since 0.2
     */
    String HEADERS_ENVIRONMENT_VARIABLE = "LOADTEST_HEADERS";

    /**
     * Prefix of the system properties and configuration parameters that change one test's load or
     * limits from outside: {@value}, then the test's id and an attribute, for example
     * {@code loadtest.override.OrdersLoadTests.checkout.rps=50}. The attributes are {@code rps},
     * {@code users}, {@code duration} (of a constant load), {@code warmup}, and a threshold
     * annotation's name, whose limit over the whole run it replaces: {@code P95Below}, {@code P99Below},
     * {@code ErrorRateBelow}, {@code ThroughputAbove} and the others. A rate scale applies on top. The
     * overrides are printed at the start and recorded in every report; an unknown attribute, a value
     * that is not valid, or a threshold the test does not declare is a configuration error.
     *
     * @since 0.2
     */
    String OVERRIDE_PROPERTY_PREFIX = "loadtest.override.";

    /**
     * System property and configuration parameter that multiplies every duration and warm-up:
     * {@value}; finite and greater than zero, for example {@code 0.1}.
     */
    String DURATION_SCALE_PROPERTY_NAME = "loadtest.durationScale";

    /**
     * System property and configuration parameter that multiplies every open-model rate, closed-model
     * user count (rounded up) and {@code ThroughputAbove} limit: {@value}; finite and greater than zero,
     * for example {@code 3} to take a test written for the guide's Growth target (50 req/s) to a load
     * three times as high. A capacity search's range is not scaled. Said at the start of the run and in
     * every report; a run with a scale other than 1 is not offered for approval.
     *
     * @since 0.2
     */
    String RATE_SCALE_PROPERTY_NAME = "loadtest.rateScale";

    /**
     * System property and configuration parameter naming the folder for result files: {@value};
     * default {@code target/loadtest}.
     */
    String REPORT_DIR_PROPERTY_NAME = "loadtest.reportDir";

    /**
     * System property and configuration parameter naming the build a load test belongs to: {@value};
     * any text that differs from one build to the next, for example Maven's
     * {@code ${maven.build.timestamp}}. The suite pages in the report folder show the load tests of
     * the build that wrote them last, from every JVM and fork that gave the same id. Without it, a
     * JVM's pages show the load tests written since that JVM started.
     */
    String BUILD_ID_PROPERTY_NAME = "loadtest.buildId";

    /**
     * System property and configuration parameter setting the timeline's interval: {@value}; whole
     * seconds from 1 to 60, default {@code "1s"}, for example {@code "5s"}. The timeline feeds the
     * reports' charts, the interval log, live progress and recovery windows.
     */
    String TIMELINE_INTERVAL_PROPERTY_NAME = "loadtest.timelineInterval";

    /**
     * System property, environment variable {@code LOADTEST_TARGET_METRICS} and configuration parameter
     * naming the service's own Prometheus or OpenMetrics endpoint, for example
     * {@code http://localhost:8080/actuator/prometheus}: read before the load, every timeline interval
     * during it and after it, so the results show the service's CPU, memory and database queries. Its
     * host must be one load may go to. Not set by default: {@value}.
     */
    String TARGET_METRICS_PROPERTY_NAME = "loadtest.targetMetrics";

    /**
     * System property and configuration parameter naming the timer or summary (without
     * {@code _count} and {@code _sum}) that counts the service's database queries, when it is none of
     * those known by default: {@value}.
     */
    String TARGET_METRICS_QUERIES_PROPERTY_NAME = "loadtest.targetMetrics.queries";

    /**
     * System property and configuration parameter opening a Prometheus scrape endpoint of the load
     * test's live figures on {@code http://127.0.0.1:<port>/metrics} while it runs, through Micrometer
     * ({@code io.micrometer:micrometer-registry-prometheus} on the test class path): {@value}; off by
     * default.
     */
    String METRICS_PROMETHEUS_PORT_PROPERTY_NAME = "loadtest.metrics.prometheusPort";

    /**
     * System property and configuration parameter pushing the load test's live figures with OTLP to
     * this URL every timeline interval while it runs, through Micrometer
     * ({@code io.micrometer:micrometer-registry-otlp} on the test class path), for example
     * {@code http://localhost:4318/v1/metrics}: {@value}; off by default.
     */
    String METRICS_OTLP_URL_PROPERTY_NAME = "loadtest.metrics.otlpUrl";

    /**
     * System property and configuration parameter adding hosts that load may go to: {@value}; a
     * comma-separated list of host names, {@code *.example.com} for its subdomains, or {@code *} for
     * any host. Adds to {@link #allowedHosts()}.
     */
    String ALLOWED_HOSTS_PROPERTY_NAME = "loadtest.allowedHosts";

    /**
     * System property and configuration parameter capping the requests of every load test: {@value};
     * a whole number, at least 1, for example {@code 10000}. With {@link #maxRequests()} too, the
     * smaller cap applies.
     */
    String MAX_REQUESTS_PROPERTY_NAME = "loadtest.maxRequests";

    /**
     * System property and configuration parameter setting how much of each response body is kept for
     * checks: {@value}; bytes, or with a unit {@code KiB} or {@code MiB}, default {@code 1MiB}, for
     * example {@code 4MiB}. Bodies are always read to their end and counted; only the kept part can be
     * checked.
     */
    String MAX_BODY_SIZE_PROPERTY_NAME = "loadtest.maxBodySize";

    /**
     * System property and configuration parameter that turns off TLS certificate verification, for
     * test targets with self-signed certificates: {@value}; {@code true} or {@code false}, default
     * {@code false}. Every report of a run made so carries a warning.
     */
    String INSECURE_TLS_PROPERTY_NAME = "loadtest.insecureSkipTlsVerify";

    /**
     * System property and configuration parameter that turns off the generator's own warm-up:
     * {@value}; {@code true} or {@code false}, default {@code true}. Before the first load test of a
     * JVM, the generator drives its HTTP client, workers and recording against a loopback server of
     * its own for up to 1.5 s, so that its class loading and compilation stay out of the first
     * seconds of the load; nothing is sent to the target. Turn it off only to see that cold start.
     */
    String GENERATOR_WARMUP_PROPERTY_NAME = "loadtest.generatorWarmup";

    /**
     * System property and configuration parameter naming more headers whose values never reach any
     * output: {@value}; comma-separated, for example {@code X-Api-Key,X-Session}. {@code Authorization},
     * {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} are always redacted, as are
     * URL user-info and token-like query parameters.
     */
    String SECRET_HEADERS_PROPERTY_NAME = "loadtest.secretHeaders";

    /**
     * System property and configuration parameter that makes this JVM one of several load
     * generators sharing each load test: {@value}, as {@code i/N} with {@code 0 <= i < N}, for
     * example {@code 2/4} (a Kubernetes Indexed Job's {@code JOB_COMPLETION_INDEX}, a CI matrix
     * index). Of the schedule's arrivals, this JVM sends every {@code N}-th, from the {@code i}-th,
     * each at the time the whole schedule gives it; users and the in-flight cap are split alike.
     * Needs {@link #START_AT_PROPERTY_NAME} and a real target ({@link #BASE_URL_PROPERTY_NAME}). A
     * shard judges only its own health (its start, its share sent); the thresholds are judged once,
     * on all shards' snapshots together, by a run with {@link #MERGE_FROM_PROPERTY_NAME}.
     */
    String SHARD_PROPERTY_NAME = "loadtest.shard";

    /**
     * System property and configuration parameter giving the shards uneven parts of the load:
     * {@value}, one whole number per shard, for example {@code 2,1,1} (the first shard sends half).
     * Every shard of a run must be given the same weights. Default: equal parts.
     */
    String SHARD_WEIGHTS_PROPERTY_NAME = "loadtest.shardWeights";

    /**
     * System property and configuration parameter giving the instant every shard starts its load:
     * {@value}, ISO-8601 ({@code 2026-12-01T10:00:00Z}) or epoch milliseconds. A shard does its
     * set-up first, then waits for the instant; one that reaches it later than
     * {@link #START_TOLERANCE_PROPERTY_NAME} fails without sending. The hosts' clocks must be
     * synchronised (NTP).
     */
    String START_AT_PROPERTY_NAME = "loadtest.startAt";

    /**
     * System property and configuration parameter giving how late a shard may reach the start and
     * still send its share: {@value}, a duration such as {@code 1s} (the default) or {@code 500ms}.
     * Arrivals already due then go out at once, measured from their intended time.
     */
    String START_TOLERANCE_PROPERTY_NAME = "loadtest.startTolerance";

    /**
     * System property and configuration parameter naming the run the shards belong to: {@value},
     * for example a CI run number; the merge adds only snapshots of one run. Default: the
     * {@link #START_AT_PROPERTY_NAME} instant.
     */
    String RUN_ID_PROPERTY_NAME = "loadtest.runId";

    /**
     * System property and configuration parameter that turns the load tests into judges of shards'
     * runs: {@value}, a folder holding the report folders of every shard of one run (in any
     * sub-folders). No load is sent: each test adds its shards' snapshots after checking that they
     * are complete and of its plan, judges its thresholds once on the sum, and writes the usual
     * reports. A missing, doubled or mismatched shard fails the test.
     */
    String MERGE_FROM_PROPERTY_NAME = "loadtest.mergeFrom";

    /**
     * System property and configuration parameter choosing what a shard judges: {@value},
     * {@code health} (the default: its start and its share sent) or {@code local} (the thresholds
     * too, on its own part of the load, marked as such; for debugging).
     */
    String SHARD_VERDICT_PROPERTY_NAME = "loadtest.shardVerdict";

    /**
     * System property and configuration parameter naming the folder of recorded runs that
     * {@link NoRegression} compares with: {@value}, default {@code src/test/loadtest-baselines} of
     * the module. Each test has a sub-folder with one file per recorded run.
     */
    String BASELINE_DIR_PROPERTY_NAME = "loadtest.baseline.dir";

    /**
     * System property and configuration parameter choosing which runs are recorded as baselines:
     * {@value}, {@code never} (the default, so a run in the IDE never writes), {@code onPass} or
     * {@code always}. Only the newest {@code history + 2} passing runs of a test are kept, and its
     * newest two failed ones.
     */
    String BASELINE_RECORD_PROPERTY_NAME = "loadtest.baseline.record";

    /**
     * System property and configuration parameter that turns the {@link NoRegression} comparison
     * off: {@value}, {@code true} (the default) or {@code false}.
     */
    String BASELINE_ENABLED_PROPERTY_NAME = "loadtest.baseline.enabled";

    /**
     * System property and configuration parameter naming the environment runs are compared in:
     * {@value}, for example {@code ci-large-runner}. Default: the target's host, the generator's
     * cores and the JDK's version; runs of another environment are not compared.
     */
    String BASELINE_ENVIRONMENT_PROPERTY_NAME = "loadtest.baseline.environment";

    /** Arrivals per second, finite and greater than zero, for example {@code 16.7}; needs {@link #duration()}. */
    double rps() default -1;

    /**
     * Users of a closed model, at least 1, for example {@code 50}; needs {@link #duration()}. Each
     * runs the body in a loop, pausing {@link #thinkTime()} between iterations.
     */
    int users() default -1;

    /** How long the load lasts, warm-up included, with {@link #rps()} or {@link #users()}; for example {@code "60s"}. */
    String duration() default "";

    /**
     * Stages of a load that changes over time, instead of {@code rps} or {@code users} with
     * {@code duration}; all stages give {@link Stage#rps()} (open model) or all give
     * {@link Stage#users()} (closed model).
     */
    Stage[] stages() default {};

    /**
     * In a closed model, how long each user pauses after an iteration; default {@code "0s"}, for
     * example {@code "1s"}.
     */
    String thinkTime() default "0s";

    /**
     * In a closed model, the upper end of a random think time drawn uniformly from
     * {@link #thinkTime()} to this; default: none (a fixed think time), for example {@code "3s"}.
     */
    String thinkTimeMax() default "";

    /**
     * How long the run goes before statistics start; those iterations run but are left out of
     * every figure and verdict. Shorter than {@link #duration()}; default {@code "0s"}, for
     * example {@code "5s"}.
     */
    String warmup() default "0s";

    /**
     * How long one HTTP request made through {@link LoadHttp} may take before it counts as a
     * timeout; also how long in-flight iterations may drain after the last arrival before they are
     * cancelled. Greater than zero; default {@code "30s"}, for example {@code "2s"}.
     */
    String timeout() default "30s";

    /**
     * The most iterations in flight at once, in an open model. An arrival that finds this many
     * running waits for one to finish, is counted as late, and is still measured from its intended
     * start. Zero (the default) sizes it from the peak rate and the timeout: {@code rps × timeout},
     * at least 16 and at most 1000. For example {@code 200}. A closed model runs one iteration per user.
     */
    int maxInFlight() default 0;

    /**
     * The base URL for relative paths, used when no system property, environment variable or
     * configuration parameter names one; for example {@code "http://localhost:8080"}. Default: none.
     */
    String baseUrl() default "";

    /**
     * Hosts this test may send to besides the base URL's host and loopback, for a body that calls
     * another service by absolute URL; for example {@code {"auth.example.com", "*.cdn.example.com"}}.
     * A request to any other host is not sent: it fails as {@link Outcome#BLOCKED} and so does the test.
     * Redirects are never followed, so a redirect to another host is reported as its 3xx response.
     */
    String[] allowedHosts() default {};

    /**
     * The most requests this test may send, warm-up included; zero (the default) for no cap, for
     * example {@code 5000}. The cap is exact: the first request past it is not sent, and the run stops
     * and fails, saying so.
     */
    long maxRequests() default 0;
}
