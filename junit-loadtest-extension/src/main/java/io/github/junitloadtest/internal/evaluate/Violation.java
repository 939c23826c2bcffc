package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.ThresholdResult;

/** One reason a run failed. */
public sealed interface Violation {

    /** The sentence the failure reports. */
    String message();

    /**
     * A threshold or rule that did not hold.
     *
     * @param threshold the threshold with its limit, value and message
     * @param judgesLatency whether it judged latency, which the generator's lag or a cold start can explain
     * @param confirmRuns how many more runs measure a regression again before it fails; 0 for every
     *     other threshold and for an inconclusive comparison
     */
    record ThresholdBroken(ThresholdResult threshold, boolean judgesLatency, int confirmRuns) implements Violation {

        @Override
        public String message() {
            return threshold.message();
        }
    }

    /**
     * The generator did not deliver the load asked for, so the run says nothing about the service.
     *
     * @param message what was delivered of what was asked
     * @param requestedRps the rate asked for
     * @param achievedRps the rate delivered
     */
    record GeneratorShortfall(String message, double requestedRps, double achievedRps) implements Violation {}

    /**
     * The run stopped early: a threshold was certain to fail, or the request cap was reached.
     *
     * @param message when and why
     */
    record Aborted(String message) implements Violation {}

    /**
     * Iterations ignored cancellation and were still running when the run ended.
     *
     * @param iterations how many
     * @param message what happened
     */
    record Unfinished(long iterations, String message) implements Violation {}

    /**
     * The run was interrupted, by the stop button or a timeout, before it ended.
     *
     * @param message what happened
     */
    record Interrupted(String message) implements Violation {}

    /**
     * A shard reached the shared start later than its tolerance and sent nothing: its part of the
     * load was not applied.
     *
     * @param shard the shard, as {@code 2/4}
     * @param lateSeconds how late it was
     * @param message what happened
     */
    record MissedStart(String shard, double lateSeconds, String message) implements Violation {}
}
