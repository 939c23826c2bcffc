package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.ThresholdResult;
import java.util.List;
import java.util.Optional;

/**
 * A run's verdict, made once from its plan and its snapshot: every threshold with its result, the
 * violations that fail the run, and the notes on how to read it.
 *
 * @param requestedRps the arrival rate asked for over the measured window: the rate itself when
 *     constant, the planned average when staged; zero for a closed model
 * @param thresholds every threshold and rule with its result, in the order declared
 * @param violations why the run failed, in the order they are reported; empty when it passed
 * @param notes remarks on the figures, in the order the reports show them
 * @param generators which generators the figures are from when several shared the run, for
 *     messages: {@code "shard 2/4, run 4711"} or {@code "merged from 4 shards, run 4711"}; empty otherwise
 * @param comparisons each {@code @NoRegression}'s comparison with the recorded runs, as the reports show it
 * @param capacity what a capacity search found, for a capacity test
 */
public record Verdict(
        double requestedRps,
        List<ThresholdResult> thresholds,
        List<Violation> violations,
        List<Note> notes,
        String generators,
        List<LoadTestResult.Comparison> comparisons,
        Optional<LoadTestResult.CapacitySearch> capacity) {

    public Verdict {
        thresholds = List.copyOf(thresholds);
        violations = List.copyOf(violations);
        notes = List.copyOf(notes);
        comparisons = List.copyOf(comparisons);
    }

    /** The verdict of a run that is not a capacity search. */
    public Verdict(
            double requestedRps,
            List<ThresholdResult> thresholds,
            List<Violation> violations,
            List<Note> notes,
            String generators,
            List<LoadTestResult.Comparison> comparisons) {
        this(requestedRps, thresholds, violations, notes, generators, comparisons, Optional.empty());
    }

    /** Whether the run passed: no violation at all. */
    public boolean passed() {
        return violations.isEmpty();
    }

    /**
     * The notes that go beside the failures: those that can explain a latency when a latency
     * threshold broke, and what earlier runs measured when a regression was measured again.
     */
    public List<Note> explanations() {
        if (passed()) {
            return List.of();
        }
        boolean latencyBroke = violations.stream()
                .anyMatch(violation -> violation instanceof Violation.ThresholdBroken broken && broken.judgesLatency());
        return notes.stream()
                .filter(note -> note instanceof Note.Confirmation || (latencyBroke && note.explainsLatency()))
                .toList();
    }

    /** The violation of this type, if the run has one. */
    public <T extends Violation> Optional<T> violation(Class<T> type) {
        return violations.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The notes' sentences, for the reports. */
    public List<String> noteTexts() {
        return notes.stream().map(Note::text).toList();
    }
}
