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
 * Fails a {@link CapacityTest} unless the capacity it found, the highest rate that met the SLO,
 * exceeds the limit in requests per second. A search the load generator cut short passes only if
 * the rate the service did hold exceeds it. Requires {@link CapacityTest} on the same method.
 *
 * @since 0.2
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LoadTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.2")
public @interface CapacityAbove {

    /** The exclusive lower limit in requests per second; finite and at least zero, for example {@code 50}. */
    double value();
}
