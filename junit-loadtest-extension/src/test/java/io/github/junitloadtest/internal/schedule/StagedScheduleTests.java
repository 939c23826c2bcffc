package io.github.junitloadtest.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.internal.schedule.Stages.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagedScheduleTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSingleHoldingStageIsTheConstantRateSchedule() {
        StagedSchedule staged = new StagedSchedule(List.of(new Stage("", 60 * SECOND, 16.7, 16.7)));
        ArrivalSchedule constant = new ArrivalSchedule(16.7, 60 * SECOND);

        assertThat(staged.size()).isEqualTo(1002);
        for (long i = 0; i < 1002; i++) {
            assertThat(staged.intendedStartNanos(i)).isEqualTo(constant.intendedStartNanos(i));
        }
        assertThat(staged.intendedStartNanos(167)).isEqualTo(10 * SECOND);
    }

    @Test
    void aRampFromZeroPlacesArrivalsOnTheSquareRootCurve() {
        // 0 → 10 req/s over 10 s: N(τ) = τ²/2, so arrival n is due at √(2n) seconds; 50 arrivals in all.
        StagedSchedule ramp = new StagedSchedule(List.of(new Stage("", 10 * SECOND, 0, 10)));

        assertThat(ramp.size()).isEqualTo(50);
        assertThat(ramp.intendedStartNanos(0)).isZero();
        assertThat(ramp.intendedStartNanos(2)).isEqualTo(2 * SECOND);
        assertThat(ramp.intendedStartNanos(8)).isEqualTo(4 * SECOND);
        assertThat(ramp.intendedStartNanos(32)).isEqualTo(8 * SECOND);
    }

    @Test
    void theGuidesSpikeStepsBetweenItsPhasesExactly() {
        StagedSchedule spike = new StagedSchedule(List.of(
                new Stage("", 30 * SECOND, 10, 10),
                new Stage("", 60 * SECOND, 200, 200),
                new Stage("", 30 * SECOND, 10, 10)));

        assertThat(spike.size()).isEqualTo(300 + 12_000 + 300);
        assertThat(spike.intendedStartNanos(299)).isEqualTo(29_900_000_000L);
        assertThat(spike.intendedStartNanos(300)).isEqualTo(30 * SECOND);
        assertThat(spike.intendedStartNanos(301)).isEqualTo(30 * SECOND + 5_000_000);
        assertThat(spike.intendedStartNanos(12_300)).isEqualTo(90 * SECOND);
        assertThat(spike.intendedStartNanos(12_599)).isEqualTo(119_900_000_000L);
        assertThat(spike.lengthNanos()).isEqualTo(120 * SECOND);
    }

    @Test
    void arrivalsPerSecondFollowALinearRampWithinOneArrival() {
        // 10 → 200 req/s over 10 s: second k holds ∫ of the rate over [k, k+1] = 10 + 19 (k + 0.5).
        StagedSchedule ramp = new StagedSchedule(List.of(new Stage("", 10 * SECOND, 10, 200)));

        for (int k = 0; k < 10; k++) {
            long inSecond = ramp.countBefore((k + 1) * SECOND) - ramp.countBefore(k * SECOND);
            assertThat((double) inSecond)
                    .as("second %d", k)
                    .isCloseTo(10 + 19 * (k + 0.5), org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(ramp.size()).isEqualTo(1050);
    }

    @Test
    void arrivalsNeverPrecedeTheStartWhenAStageTotalIsNotQuiteWhole() {
        // 2.2 × 15 s = 33.00000000000001 arrivals: arrival 33 belongs to the ramp from zero that follows.
        StagedSchedule schedule =
                new StagedSchedule(List.of(new Stage("", 15 * SECOND, 2.2, 2.2), new Stage("", SECOND, 0, 20)));

        long previous = 0;
        for (long i = 0; i < schedule.size(); i++) {
            long due = schedule.intendedStartNanos(i);
            assertThat(due).as("arrival %d", i).isGreaterThanOrEqualTo(previous).isLessThan(schedule.lengthNanos());
            previous = due;
        }
        assertThat(schedule.intendedStartNanos(33)).isEqualTo(15 * SECOND);
    }

    @Test
    void aFallingRampAndAPauseKeepArrivalsInOrder() {
        StagedSchedule schedule = new StagedSchedule(List.of(
                new Stage("", 10 * SECOND, 200, 0),
                new Stage("", 5 * SECOND, 0, 0),
                new Stage("", 0, 0, 50),
                new Stage("", 2 * SECOND, 50, 50)));

        assertThat(schedule.size()).isEqualTo(1000 + 100);
        long previous = -1;
        for (long i = 0; i < schedule.size(); i++) {
            long due = schedule.intendedStartNanos(i);
            assertThat(due).isGreaterThanOrEqualTo(previous).isLessThan(schedule.lengthNanos());
            previous = due;
        }
        assertThat(schedule.intendedStartNanos(1000)).isEqualTo(15 * SECOND);
        assertThat(schedule.countBefore(15 * SECOND)).isEqualTo(1000);
    }
}
