package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.internal.evaluate.Confirmation;
import io.github.junitloadtest.internal.plan.LoadPlan;
import java.io.PrintStream;
import java.util.function.IntFunction;

/**
 * Measures a run that regressed again, as {@code @NoRegression(confirmRuns = …)} asks, until a run
 * does not regress or the runs asked for are made; each one a whole new run of the plan, with its
 * own client and recorder.
 */
public final class Confirmations {

    private Confirmations() {}

    /**
     * The run that decides the test, with the earlier runs said in its verdict.
     *
     * @param plan the plan
     * @param first the first run
     * @param measureAgain makes a new run of the plan, given how many times it has been measured again
     *     (1 for the second run)
     * @param out where each new run is announced
     * @return the first run when it needs no confirming, otherwise the last run made
     */
    public static LoadRun.Finished of(
            LoadPlan plan, LoadRun.Finished first, IntFunction<LoadRun.Finished> measureAgain, PrintStream out) {
        LoadRun.Finished last = first;
        // A stopped test (the stop button, the JVM exiting) is not measured again: the run made decides.
        for (int again = 1;
                last.fatal().isEmpty()
                        && !Thread.currentThread().isInterrupted()
                        && Confirmation.wanted(plan, last.verdict(), again - 1);
                again++) {
            out.println(Confirmation.announcement(plan, last.verdict(), again));
            LoadRun.Finished next = measureAgain.apply(again);
            last = new LoadRun.Finished(
                    next.snapshot(), Confirmation.after(last.verdict(), next.verdict(), again), next.fatal());
        }
        return last;
    }
}
