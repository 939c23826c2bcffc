package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.junitloadtest.internal.jupiter.LoadTestExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the load test unless successful iterations per second exceed the limit, in requests per
 * second.
 *
 * <p>Throughput counts only successful iterations of the measured window (after warm-up), divided by
 * that window's length. The limit is exclusive: a measured value equal to it fails. Requires
 * {@link LoadTest} on the same method.
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ThroughputAbove.List.class)
@ExtendWith(LoadTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface ThroughputAbove {

    /** The exclusive lower limit in requests per second; finite and at least zero, for example {@code 15}. */
    double value();

    /**
     * The phase (a named {@link Stage}) the threshold applies to; default: the whole measured run.
     * For example {@code "spike"}.
     */
    String phase() default "";

    /**
     * Holds several {@link ThroughputAbove} annotations on one method, for example one per phase.
     *
     * @since 0.1
     */
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ExtendWith(LoadTestExtension.class)
    @API(status = EXPERIMENTAL, since = "0.1")
    @interface List {
        /** The repeated annotations. */
        ThroughputAbove[] value();
    }
}
