package io.github.junitloadtest.architecture.violations.internal.evaluate;

import io.github.junitloadtest.architecture.violations.internal.record.RecorderKnowingTheVerdict;

/** Reads the recorder, as evaluate may; with the recorder's call back, the two form a cycle. */
public final class JudgeReadingTheRecorder {

    private JudgeReadingTheRecorder() {}

    public static boolean passed() {
        return RecorderKnowingTheVerdict.class.getSimpleName().isEmpty();
    }
}
