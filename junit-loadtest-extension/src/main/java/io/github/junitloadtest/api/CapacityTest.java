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
 * Finds the highest arrival rate at which the service still meets its SLO: the thresholds declared
 * on the same method, such as {@link P95Below} and {@link ErrorRateBelow}.
 *
 * <p>The search runs steps of a constant arrival rate (an open model), each {@link #settle()} and
 * then {@link #step()} long and judged on the step alone, exactly as a {@link LoadTest} of that rate
 * would be. The rate grows by {@link #growth()} from {@link #from()} until a step breaks the SLO,
 * never above {@link #to()}; then it is bisected between the last rate that held and the first that
 * broke until they are within {@link #resolution()}. Before each step after a broken one, a
 * {@link #recovery()} probe at the last good rate must meet the SLO again. A step stops as soon as
 * its failure is certain, and the search stops within {@link #maxDuration()}.
 *
 * <p>A step the load generator could not deliver ends the search with the rate the service did
 * hold: "capacity is at least …", never a capacity the service did not show. Gate on the result
 * with {@link CapacityAbove}; the reports show every step. Tagged {@value LoadTest#TAG} like every
 * load test.
 *
 * <pre>{@code
 * @CapacityTest(from = 10, to = 1000, step = "30s")
 * @P95Below(500) @ErrorRateBelow(1)
 * @CapacityAbove(50)
 * void templateList(LoadHttp http) { http.get("/api/public/factory/templates").expectStatus(200); }
 * }</pre>
 *
 * @since 0.2
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Tag(LoadTest.TAG)
@ExtendWith(LoadTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.2")
public @interface CapacityTest {

    /** The first step's arrival rate in requests per second, positive; for example {@code 10}. */
    double from();

    /** The highest rate tried, above {@link #from()}; for example {@code 1000}. */
    double to();

    /** How long each step is measured, after its settle; for example {@code "30s"}. */
    String step() default "30s";

    /**
     * How long each step runs before it is measured, shorter than the step: the service and its
     * queues settle at the new rate, and these seconds count in no figure; for example {@code "5s"}.
     */
    String settle() default "5s";

    /** The factor from one rate to the next until a step breaks the SLO, above 1; for example {@code 2}. */
    double growth() default 2;

    /**
     * How close the last good and the first broken rate must come before the search ends, relative
     * to the good one: a percentage; for example {@code "5%"}.
     */
    String resolution() default "5%";

    /**
     * The longest the search may run, its steps and probes added up; a step that would end later is
     * not started, and the result says so. For example {@code "10m"}.
     */
    String maxDuration() default "10m";

    /**
     * How long a probe at the last good rate is measured after a broken step, before the search goes
     * on; up to three probes are made, each after its settle. For example {@code "10s"}.
     */
    String recovery() default "10s";

    /** Request timeout and the time a step's last iterations may take to finish; for example {@code "10s"}. */
    String timeout() default "10s";

    /**
     * The most iterations in flight at once, as {@link LoadTest#maxInFlight()}; 0 (default) for each
     * step's rate × timeout, between 16 and 1000.
     */
    int maxInFlight() default 0;

    /** The base URL for relative paths, as {@link LoadTest#baseUrl()}. */
    String baseUrl() default "";

    /** Hosts besides the base URL's that requests may go to, as {@link LoadTest#allowedHosts()}. */
    String[] allowedHosts() default {};

    /** The most requests the whole search may send, as {@link LoadTest#maxRequests()}; 0 for no cap. */
    long maxRequests() default 0;
}
