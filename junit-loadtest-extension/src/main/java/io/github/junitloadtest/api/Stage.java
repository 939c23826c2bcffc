package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * One stage of a {@link LoadTest#stages() staged} load: over its duration the arrival rate (open
 * model) or the number of users (closed model) moves linearly to the stage's target, as in k6's
 * ramping executors. A stage whose target equals where it starts holds.
 *
 * <p>A stage starts where the previous one ended; the first starts at zero. {@link #from()} starts it
 * elsewhere, which makes a step: the guide's spike is
 * <pre>{@code
 * @LoadTest(stages = {
 *     @Stage(name = "warmup", duration = "30s", from = 10, rps = 10),
 *     @Stage(name = "spike", duration = "60s", from = 200, rps = 200),
 *     @Stage(name = "cooldown", duration = "30s", from = 10, rps = 10)})
 * }</pre>
 * A named stage is a phase: statistics are kept for it, and thresholds can target it with their
 * {@code phase} attribute. Stages sharing a name form one phase.
 *
 * @since 0.1
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = EXPERIMENTAL, since = "0.1")
public @interface Stage {

    /** How long the stage lasts, for example {@code "30s"}; {@code "0s"} changes the load at once. */
    String duration();

    /** The arrival rate at the stage's end, in requests per second; zero or more. Open model. */
    double rps() default -1;

    /** The number of users at the stage's end; zero or more. Closed model. */
    int users() default -1;

    /** The rate or number of users at the stage's start; default: where the previous stage ended (zero for the first). */
    double from() default Double.NaN;

    /** The phase this stage belongs to, for example {@code "spike"}; default: none. */
    String name() default "";
}
