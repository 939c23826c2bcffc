package io.github.junitloadtest.architecture.violations.internal.record;

import io.github.junitloadtest.architecture.violations.internal.evaluate.JudgeReadingTheRecorder;

/** Breaks the rule that the record stage knows no other stage, and closes a cycle with evaluate. */
public final class RecorderKnowingTheVerdict {

    public long recorded() {
        return JudgeReadingTheRecorder.passed() ? 1 : 0;
    }
}
