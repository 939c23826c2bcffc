package io.github.junitloadtest.architecture.violations.api;

import io.github.junitloadtest.architecture.violations.internal.jupiter.LoadTestExtension;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Registers the extension the way the api's annotations do: a class literal, which the rules allow. */
@Retention(RetentionPolicy.RUNTIME)
public @interface Registering {
    Class<?> value() default LoadTestExtension.class;
}
