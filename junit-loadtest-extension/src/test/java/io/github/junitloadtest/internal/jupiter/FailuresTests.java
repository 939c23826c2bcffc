package io.github.junitloadtest.internal.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.evaluate.Note;
import io.github.junitloadtest.internal.evaluate.Verdict;
import io.github.junitloadtest.internal.evaluate.Violation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

/** A verdict as the failure a user reads: the message with its notes, a trace that starts at the test. */
class FailuresTests {

    private static final ThresholdResult P95 = new ThresholdResult(
            "p95 latency", "", "<", 500, 612.5, "ms", 600, false, "p95 latency 612.5 ms exceeded 500 ms (n=600)");
    private static final ThresholdResult ERRORS = new ThresholdResult(
            "error rate", "", "<", 1, 2.5, "%", 600, false, "error rate 2.5 % exceeded 1 % (n=600)");
    private static final Note LAG = new Note.GeneratorLag("The generator started 12 % of iterations late");

    @Test
    void aBrokenThresholdFailsWithItsNotesAsLinesOfTheMessageAndATraceThatStartsAtTheTestMethod() throws Exception {
        Verdict verdict = verdict(List.of(new Violation.ThresholdBroken(P95, true, 0)));

        Throwable failure = Failures.of(verdict, "Orders.checkout", "", null, Fixture.class, checkout())
                .orElseThrow();

        assertThat(failure)
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("p95 latency 612.5 ms exceeded 500 ms (n=600)\n"
                        + "  note: The generator started 12 % of iterations late");
        assertThat(failure.getSuppressed()).isEmpty();
        assertStartsAtTheTestMethod(failure);
    }

    @Test
    void severalBrokenThresholdsFailTogetherEachWithATraceThatStartsAtTheTestMethod() throws Exception {
        Verdict verdict = verdict(
                List.of(new Violation.ThresholdBroken(P95, true, 0), new Violation.ThresholdBroken(ERRORS, false, 0)));

        Throwable failure = Failures.of(verdict, "Orders.checkout", "", null, Fixture.class, checkout())
                .orElseThrow();

        assertThat(failure).isInstanceOf(MultipleFailuresError.class);
        List<Throwable> each = ((MultipleFailuresError) failure).getFailures();
        assertThat(each)
                .extracting(Throwable::getMessage)
                .containsExactly(
                        "p95 latency 612.5 ms exceeded 500 ms (n=600)\n"
                                + "  note: The generator started 12 % of iterations late",
                        "error rate 2.5 % exceeded 1 % (n=600)");
        assertStartsAtTheTestMethod(failure);
        each.forEach(FailuresTests::assertStartsAtTheTestMethod);
    }

    @Test
    void aPassedRunThrowsNothing() throws Exception {
        assertThat(Failures.of(verdict(List.of()), "Orders.checkout", "", null, Fixture.class, checkout()))
                .isEmpty();
    }

    private static void assertStartsAtTheTestMethod(Throwable failure) {
        StackTraceElement top = failure.getStackTrace()[0];
        assertThat(top.getClassName()).isEqualTo(Fixture.class.getName());
        assertThat(top.getMethodName()).isEqualTo("checkout");
        assertThat(top.getFileName()).isEqualTo("FailuresTests.java");
        // Below it, JUnit's frames that called the test, none of the extension's own.
        assertThat(Arrays.stream(failure.getStackTrace()).skip(1))
                .isNotEmpty()
                .noneMatch(frame -> frame.getClassName().startsWith("io.github.junitloadtest."));
    }

    private static Verdict verdict(List<Violation> violations) {
        return new Verdict(10, List.of(), violations, List.of(LAG), "", List.of());
    }

    private static Method checkout() throws NoSuchMethodException {
        return Fixture.class.getDeclaredMethod("checkout");
    }

    static class Fixture {
        void checkout() {}
    }
}
