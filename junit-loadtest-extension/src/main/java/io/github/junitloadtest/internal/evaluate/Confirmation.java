package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.internal.plan.LoadPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides whether a run that regressed is measured again before the test fails
 * ({@code @NoRegression(confirmRuns = …)}), and joins the runs' verdicts: the last run decides,
 * and the earlier ones are said beside it. One run on a shared machine can be slower for reasons
 * of its own; a service that is really slower is slower again.
 */
public final class Confirmation {

    /** How the note that says which run's figures are shown starts. */
    static final String SHOWN = "The figures shown are run ";

    private Confirmation() {}

    /**
     * Whether the run is measured again: it failed only on regressions that ask for more runs than
     * the {@code measuredAgain} made so far. A run failing for any other reason fails as it is, and
     * a merge of shards cannot apply its load again.
     *
     * @param plan the plan
     * @param verdict the last run's verdict
     * @param measuredAgain how many times the run has been measured again so far
     * @return whether to measure once more
     */
    public static boolean wanted(LoadPlan plan, Verdict verdict, int measuredAgain) {
        if (plan.role() instanceof LoadPlan.Merge || verdict.passed()) {
            return false;
        }
        return verdict.violations().stream()
                .allMatch(violation ->
                        violation instanceof Violation.ThresholdBroken broken && broken.confirmRuns() > measuredAgain);
    }

    /**
     * The console's line before a run is measured again.
     *
     * @param plan the plan
     * @param verdict the run that regressed
     * @param measuredAgain which run this is, counted after the first: 1 for the second run
     * @return the line
     */
    public static String announcement(LoadPlan plan, Verdict verdict, int measuredAgain) {
        // The regressions that ask for the most runs decide how many there can be.
        int confirmRuns = verdict.violations().stream()
                .filter(violation -> violation instanceof Violation.ThresholdBroken)
                .mapToInt(violation -> ((Violation.ThresholdBroken) violation).confirmRuns())
                .max()
                .orElse(0);
        return "  " + plan.testId() + ": " + regressions(verdict) + "; measuring it again to confirm (run "
                + (measuredAgain + 1) + " of up to " + (confirmRuns + 1) + ", confirmRuns = " + confirmRuns + ")";
    }

    /**
     * The verdict of a run measured again: its own, with what the runs before it measured as a
     * note beside it, so a failure says it was confirmed and a pass says what it outvoted.
     *
     * @param earlier the verdict of the runs before, itself joined when there were several
     * @param again the verdict of the run measured again
     * @param measuredAgain how many times the run has now been measured again
     * @return the joined verdict
     */
    public static Verdict after(Verdict earlier, Verdict again, int measuredAgain) {
        int before = measuredAgain;
        int now = measuredAgain + 1;
        boolean regressedToo = !again.passed()
                && again.violations().stream()
                        .allMatch(violation ->
                                violation instanceof Violation.ThresholdBroken broken && broken.confirmRuns() > 0);
        String said = again.passed()
                ? "Run " + before + " regressed (" + regressions(earlier) + ") and was measured again (confirmRuns):"
                        + " run " + now + " did not regress"
                : "Run " + before + ", measured before run " + now + " (confirmRuns), regressed"
                        + (regressedToo ? " too" : "") + " (" + regressions(earlier) + ")";
        List<Note> notes = new ArrayList<>(again.notes());
        // Each earlier run keeps its sentence; which run the figures are of is said once, for the last.
        earlier.notes().stream()
                .filter(note ->
                        note instanceof Note.Confirmation && !note.text().startsWith(SHOWN))
                .forEach(notes::add);
        notes.add(new Note.Confirmation(said));
        notes.add(new Note.Confirmation(SHOWN + now + "'s, the last of " + now + " measured (confirmRuns)"));
        return new Verdict(
                again.requestedRps(),
                again.thresholds(),
                again.violations(),
                notes,
                again.generators(),
                again.comparisons());
    }

    /** The regressions' messages, joined. */
    private static String regressions(Verdict verdict) {
        return verdict.violations().stream().map(Violation::message).collect(Collectors.joining("; "));
    }
}
