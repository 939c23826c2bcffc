package io.github.junitloadtest.internal.jupiter;

import io.github.junitloadtest.internal.evaluate.Note;
import io.github.junitloadtest.internal.evaluate.Verdict;
import io.github.junitloadtest.internal.evaluate.Violation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

/**
 * A verdict as the exception JUnit reports: one assertion failure with expected and actual values per
 * violation, the notes that explain it as lines of its message, and a stack trace that starts at the
 * test method, as an assertion in the method's body would, with none of the extension's frames.
 */
final class Failures {

    private static final String OWN_FRAMES = "io.github.junitloadtest.internal.";

    private Failures() {}

    /**
     * The exception a failed verdict ends the test with; empty when it passed.
     *
     * @param verdict the verdict
     * @param test the test's id, for a message on several failures
     * @param partial where the partial result is, for a run that did not finish
     * @param reportFailure why a report could not be written, if one could not
     * @param testClass the test class
     * @param method the test method
     * @return the exception to throw
     */
    static Optional<Throwable> of(
            Verdict verdict,
            String test,
            String partial,
            @Nullable RuntimeException reportFailure,
            Class<?> testClass,
            Method method) {
        Optional<Violation.Unfinished> unfinished = verdict.violation(Violation.Unfinished.class);
        if (unfinished.isPresent()) {
            return Optional.of(finished(
                    new AssertionFailedError(unfinished.get().message() + "; " + partial),
                    reportFailure,
                    testClass,
                    method));
        }
        Optional<Violation.Interrupted> interrupted = verdict.violation(Violation.Interrupted.class);
        if (interrupted.isPresent()) {
            return Optional.of(finished(
                    new InterruptedException(interrupted.get().message() + "; " + partial),
                    reportFailure,
                    testClass,
                    method));
        }
        // Figures of several generators say whose they are: "(merged from 4 shards, run 4711)".
        String whose = verdict.generators().isEmpty() ? "" : " (" + verdict.generators() + ")";
        // A latency verdict the generator's delay or a cold start contributed to carries that note beside it.
        StringBuilder notes = new StringBuilder();
        for (Note note : verdict.explanations()) {
            notes.append("\n  note: ").append(note.text());
        }
        List<AssertionFailedError> failures = new ArrayList<>();
        for (Violation violation : verdict.violations()) {
            failures.add(startingAtTheTest(
                    assertionOf(violation, whose, failures.isEmpty() ? notes.toString() : ""), testClass, method));
        }
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        if (failures.size() == 1) {
            return Optional.of(finished(failures.get(0), reportFailure, testClass, method));
        }
        return Optional.of(finished(
                new MultipleFailuresError(
                        "Load test " + test + whose + " failed " + failures.size() + " checks", failures),
                reportFailure,
                testClass,
                method));
    }

    private static AssertionFailedError assertionOf(Violation violation, String whose, String notes) {
        if (violation instanceof Violation.GeneratorShortfall shortfall) {
            return new AssertionFailedError(
                    shortfall.message() + whose + notes,
                    "≥ 95 % of " + shortfall.requestedRps() + " req/s",
                    shortfall.achievedRps() + " req/s");
        }
        if (violation instanceof Violation.ThresholdBroken broken
                && !broken.threshold().comparison().isEmpty()) {
            var threshold = broken.threshold();
            return new AssertionFailedError(
                    threshold.message() + whose + notes,
                    threshold.comparison() + " " + threshold.limit() + " " + threshold.unit(),
                    threshold.actual() + " " + threshold.unit());
        }
        return new AssertionFailedError(
                violation.message() + (violation instanceof Violation.MissedStart ? "" : whose) + notes);
    }

    private static <T extends Throwable> T finished(
            T failure, @Nullable RuntimeException reportFailure, Class<?> testClass, Method method) {
        if (reportFailure != null) {
            // A real exception with a trace of its own: why a report is missing.
            failure.addSuppressed(reportFailure);
        }
        return startingAtTheTest(failure, testClass, method);
    }

    /** The failure's trace from the test method down, the extension's own frames left out. */
    private static <T extends Throwable> T startingAtTheTest(T failure, Class<?> testClass, Method method) {
        List<StackTraceElement> frames = new ArrayList<>();
        frames.add(new StackTraceElement(testClass.getName(), method.getName(), sourceFile(testClass), -1));
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (!frame.getClassName().startsWith(OWN_FRAMES)) {
                frames.add(frame);
            }
        }
        failure.setStackTrace(frames.toArray(new StackTraceElement[0]));
        return failure;
    }

    /** The source file a class is declared in, as the compiler names it: its outermost class's. */
    private static String sourceFile(Class<?> type) {
        Class<?> outermost = type;
        while (outermost.getEnclosingClass() != null) {
            outermost = outermost.getEnclosingClass();
        }
        return outermost.getSimpleName() + ".java";
    }
}
