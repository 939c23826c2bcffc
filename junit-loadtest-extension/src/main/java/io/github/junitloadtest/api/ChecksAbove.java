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
 * Fails the load test unless the share of passed {@link LoadResponse#check named checks}, all checks
 * together, is above the limit, in percent (k6's {@code checks: ['rate>0.99']}).
 *
 * <p>The limit is exclusive: a pass rate equal to it fails. The limit {@code 100} means every check
 * must pass. With no check evaluated at all the threshold fails. Requires {@link LoadTest} on the
 * same method.
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LoadTestExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface ChecksAbove {

    /** The limit in percent, from 0 to 100; for example {@code 99}, or {@code 100} for all. */
    double value();
}
