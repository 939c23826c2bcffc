package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.junitloadtest.internal.jupiter.LoadTestExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the load test unless latency recovers soon enough after a phase: the time from the end of
 * {@link #after()} until the corrected p95 over a sliding {@link #window()} is back within
 * {@link #tolerancePercent()} (plus {@link #toleranceMillis()}) of the p95 of the {@link #reference()} phase, in the guide's words
 * "recovery time &lt; 5 minutes".
 *
 * <p>Recovery is measured on windows that start after the phase ends, every second; the reported
 * time is when the first window within the tolerance starts. A run that ends before latency
 * recovers fails, since recovery was not seen. Requires {@link LoadTest} with named {@link Stage}s.
 *
 * <pre>{@code
 * @RecoversWithin(value = "5m", after = "spike", reference = "warmup")
 * }</pre>
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LoadTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface RecoversWithin {

    /** The longest recovery allowed, exclusive, for example {@code "5m"}. */
    String value();

    /** The phase after which latency must recover, for example {@code "spike"}. */
    String after();

    /** The phase whose p95 is the healthy level, for example {@code "warmup"}. */
    String reference();

    /** How far above the reference p95 still counts as recovered, in percent; default {@code 20}. */
    double tolerancePercent() default 20;

    /**
     * How many milliseconds above the reference p95 still count as recovered, added to
     * {@link #tolerancePercent()}: a floor for fast services, where a percentage of a few milliseconds
     * is below the noise. Default {@code 0}, for example {@code 10}.
     */
    double toleranceMillis() default 0;

    /**
     * The sliding window of the p95, in whole seconds of at least one; default {@code "5s"}. Like
     * {@link #value()} it follows the duration scale, down to one second.
     */
    String window() default "5s";
}
