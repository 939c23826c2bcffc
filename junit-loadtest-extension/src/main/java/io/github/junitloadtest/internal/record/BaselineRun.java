package io.github.junitloadtest.internal.record;

import java.time.Instant;
import java.util.List;

/**
 * A recorded run a later run is compared with.
 *
 * @param recordedAt when it was recorded
 * @param commit the commit it ran, if known, else empty
 * @param environment where it ran, as a label: runs of different environments are not compared
 * @param passed whether its test passed; only passing runs make a baseline
 * @param snapshot what it measured
 */
public record BaselineRun(Instant recordedAt, String commit, String environment, boolean passed, RunSnapshot snapshot) {

    /**
     * The history of a test: its recorded runs, newest first, and where they are kept.
     *
     * @param runs the recorded runs, newest first
     * @param where the folder they were read from, for messages
     * @param environment the running environment's label
     */
    public record History(List<BaselineRun> runs, String where, String environment) {

        /** No recorded run. */
        public static History none(String where, String environment) {
            return new History(List.of(), where, environment);
        }

        public History {
            runs = List.copyOf(runs);
        }
    }
}
