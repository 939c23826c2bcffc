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
 * Fails the load test unless the 50th percentile (median) of the corrected latency is below the limit, in
 * milliseconds.
 *
 * <p>The limit is exclusive: a measured value equal to it fails. The measured value is the upper
 * bound of the histogram bucket holding the percentile, so the verdict can only err on the strict
 * side. Requires {@link LoadTest} on the same method.
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(P50Below.List.class)
@ExtendWith(LoadTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface P50Below {

    /** The exclusive limit in milliseconds; finite and greater than zero, for example {@code 500}. */
    double value();

    /**
     * The phase (a named {@link Stage}) the threshold applies to; default: the whole measured run.
     * For example {@code "spike"}.
     */
    String phase() default "";

    /**
     * Whether the threshold applies to every endpoint (request name) separately, so that "under the
     * limit across all endpoints" means on each of them; default {@code false}: all requests together.
     */
    boolean perEndpoint() default false;

    /**
     * Whether to stop the run as soon as this threshold is certain to fail, whatever the rest of the
     * run brings; the test then fails with "aborted after …", and no further request is sent, so a
     * broken deployment is not flooded. Default {@code false}. Not with {@link #phase()} or
     * {@link #perEndpoint()}.
     */
    boolean abortOnFail() default false;

    /**
     * Holds several {@link P50Below} annotations on one method, for example one per phase.
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
        P50Below[] value();
    }
}
