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
 * HTTP statuses that count as success for every request of the load test, even of 400 or more and
 * without {@link LoadResponse#expectStatus(int...)}; the guide's mixed scenario counts 404 so.
 *
 * <pre>{@code
 * @SuccessStatus({200, 404})
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
public @interface SuccessStatus {

    /** The statuses, each from 100 to 599, for example {@code {200, 404}}. */
    int[] value();
}
