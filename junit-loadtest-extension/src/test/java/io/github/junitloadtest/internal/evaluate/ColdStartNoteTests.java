package io.github.junitloadtest.internal.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.TimelinePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartNoteTests {

    private static TimelinePoint second(double end, double serviceP95) {
        return new TimelinePoint(
                end,
                20,
                0,
                serviceP95,
                serviceP95,
                serviceP95,
                serviceP95,
                serviceP95,
                serviceP95,
                serviceP95,
                serviceP95,
                20,
                0,
                Map.of());
    }

    private static List<TimelinePoint> run(double... serviceP95s) {
        List<TimelinePoint> points = new ArrayList<>();
        for (int i = 0; i < serviceP95s.length; i++) {
            points.add(second(i + 1, serviceP95s[i]));
        }
        return points;
    }

    @Test
    void aFirstSecondFarSlowerThanTheRestIsNamedWithItsNumbersAndTheWarmUpToDeclare() {
        assertThat(GeneratorCheck.coldStartNote(run(673, 77, 90, 114, 85), 0, 1))
                .contains(
                        "Cold start: the first 1 s had a service-time p95 of 673 ms against 77–114 ms (median 87.5 ms) in"
                                + " the rest of the run; the service or this JVM was still warming up, and it counts"
                                + " in every figure. Declare a warm-up to leave it out, for example @LoadTest(…, warmup = \"2s\").");
    }

    @Test
    void theFirstSecondMustBeThreeTimesTheRestsMedianAndTwentyMillisecondsAbove() {
        assertThat(GeneratorCheck.coldStartNote(run(29.9, 10, 10, 10), 0, 1)).isEmpty();
        assertThat(GeneratorCheck.coldStartNote(run(30.1, 10, 10, 10), 0, 1)).isPresent();
        assertThat(GeneratorCheck.coldStartNote(run(3, 0.9, 1, 1), 0, 1)).isEmpty();
        assertThat(GeneratorCheck.coldStartNote(run(21.1, 1, 1, 1), 0, 1)).isPresent();
    }

    @Test
    void theWarmUpsSecondsAreNotTheFirstMeasuredOnes() {
        assertThat(GeneratorCheck.coldStartNote(run(673, 10, 10, 10, 10), 1, 1)).isEmpty();
        assertThat(GeneratorCheck.coldStartNote(run(900, 673, 10, 10, 10), 1, 1))
                .hasValueSatisfying(note -> assertThat(note)
                        .contains("the first 1 s after the warm-up had a service-time p95 of 673 ms")
                        .contains("a longer warm-up")
                        .contains("warmup = \"3s\""));
    }

    @Test
    void runsTooShortToCompareEarnNoNote() {
        assertThat(GeneratorCheck.coldStartNote(run(673, 10), 0, 1)).isEmpty();
        assertThat(GeneratorCheck.coldStartNote(List.of(), 0, 1)).isEmpty();
    }
}
