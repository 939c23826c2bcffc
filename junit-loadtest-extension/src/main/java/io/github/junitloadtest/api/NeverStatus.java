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
 * Fails the load test if any measured response had one of these HTTP statuses, whatever the error
 * rate: the guide's "no 503 errors".
 *
 * <pre>{@code
 * @NeverStatus({500, 503})
 * }</pre>
 *
 * Requires {@link LoadTest} on the same method.
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LoadTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface NeverStatus {

    /** The statuses, each from 100 to 599, for example {@code {500, 503}}. */
    int[] value();

    /** Whether to stop the run at the first such response; default {@code false}. */
    boolean abortOnFail() default false;
}
