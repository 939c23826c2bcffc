package io.github.junitloadtest.architecture.violations.api;

import io.github.junitloadtest.architecture.violations.internal.record.RecorderKnowingTheVerdict;

/** Breaks the rule that the api imports no internal package: it calls into the engine. */
public final class ApiCallingTheEngine {

    private ApiCallingTheEngine() {}

    public static long count() {
        return new RecorderKnowingTheVerdict().recorded();
    }
}
