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
 * Fails the load test unless the mean corrected latency is below the limit, in milliseconds.
 *
 * <p>The limit is exclusive: a measured value equal to it fails. Requires {@link LoadTest} on the
 * same method.
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(MeanBelow.List.class)
@ExtendWith(LoadTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface MeanBelow {

    /** The exclusive limit in milliseconds; finite and greater than zero, for example {@code 200}. */
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
     * Holds several {@link MeanBelow} annotations on one method, for example one per phase.
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
        MeanBelow[] value();
    }
}
