package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.internal.evaluate.CapacitySearch;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.report.ConsoleSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a capacity search: each step a whole new run of its own plan ({@link LoadPlan#step}), with its
 * own client and recorder, judged as it ends; {@link CapacitySearch} decides the next step from the
 * steps so far, and the verdict from all of them.
 */
public final class CapacityRun {

    private CapacityRun() {}

    /** Waits without sending. */
    @FunctionalInterface
    public interface Pause {
        /** Waits for the time given. */
        void sleep(java.time.Duration time) throws InterruptedException;
    }

    /**
     * Runs the search to its end.
     *
     * @param plan the capacity test's plan
     * @param runStep runs one step's plan to its end, closing what it opened
     * @param pause waits, sending nothing, for the time given
     * @param out where each step's outcome is said
     * @return the step the reports show, with the search's verdict; or the step whose iteration
     *     raised a configuration error, which replaces the verdict
     */
    public static LoadRun.Finished execute(
            LoadPlan plan, Function<LoadPlan, LoadRun.Finished> runStep, Pause pause, PrintStream out) {
        var capacity = plan.capacity().orElseThrow();
        List<CapacitySearch.Step> steps = new ArrayList<>();
        long made = 0;
        for (Optional<CapacitySearch.Next> next = CapacitySearch.next(capacity, steps);
                next.isPresent();
                next = CapacitySearch.next(capacity, steps)) {
            CapacitySearch.Next planned = next.get();
            if (!planned.pause().isZero()) {
                out.println("  capacity search " + plan.testId() + ": no load for "
                        + planned.pause().toMillis() + " ms, then a probe at the last rate that met the SLO");
                try {
                    pause.sleep(planned.pause());
                } catch (InterruptedException interrupted) {
                    // The probe then runs interrupted, and its verdict says so and stops the search.
                    Thread.currentThread().interrupt();
                }
            }
            // The request cap is the whole search's: each step may make what the steps before it left.
            LoadRun.Finished finished = runStep.apply(
                    plan.step(planned.rps(), planned.measured(), plan.safety().maxRequests() - made));
            if (finished.fatal().isPresent()) {
                return finished;
            }
            made += CapacitySearch.requestsMade(finished.snapshot());
            CapacitySearch.Step step = CapacitySearch.judge(plan, planned, finished.snapshot());
            steps.add(step);
            out.print(ConsoleSummary.capacityStep(
                    plan.testId(), steps.size(), CapacitySearch.figures(capacity, step, 0)));
        }
        CapacitySearch.Step shown = CapacitySearch.shown(capacity, steps);
        return new LoadRun.Finished(shown.snapshot(), CapacitySearch.verdict(plan, steps), Optional.empty());
    }
}
