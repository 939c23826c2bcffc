package io.github.junitloadtest.architecture.violations.api;

import io.github.junitloadtest.architecture.violations.internal.jupiter.LoadTestExtension;

/** Breaks the rule that only annotations refer to the extension: it makes one. */
@Registering
public final class ApiStartingTheExtension {

    private ApiStartingTheExtension() {}

    public static Object start() {
        return new LoadTestExtension();
    }
}
