package io.github.junitloadtest.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrivalScheduleTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void sixteenPointSevenPerSecondForSixtySecondsPlansExactly1002Arrivals() {
        ArrivalSchedule schedule = new ArrivalSchedule(16.7, 60 * SECOND);

        assertThat(schedule.size()).isEqualTo(1002);
        assertThat(schedule.contains(1001)).isTrue();
        assertThat(schedule.contains(1002)).isFalse();
    }

    @Test
    void arrival167IsDueAtExactlyTenSeconds() {
        ArrivalSchedule schedule = new ArrivalSchedule(16.7, 60 * SECOND);

        assertThat(schedule.intendedStartNanos(167)).isEqualTo(10 * SECOND);
        assertThat(schedule.intendedStartNanos(0)).isZero();
    }

    @Test
    void noDriftAccumulatesOverAMillionArrivals() {
        ArrivalSchedule schedule = new ArrivalSchedule(3, 1_000_000 * SECOND);

        // 1/3 s is not representable in nanoseconds; summing intervals would drift by a third of a nanosecond each.
        assertThat(schedule.intendedStartNanos(3_000_000)).isEqualTo(1_000_000 * SECOND);
        assertThat(schedule.intendedStartNanos(1)).isEqualTo(333_333_333L);
        assertThat(schedule.intendedStartNanos(2)).isEqualTo(666_666_667L);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 16.7, 200, 2000, 0.5, 33.3333})
    void countBeforeAgreesWithContainsAtEveryRate(double rps) {
        ArrivalSchedule schedule = new ArrivalSchedule(rps, 7 * SECOND);

        long counted = 0;
        while (schedule.contains(counted)) {
            counted++;
        }
        assertThat(schedule.size()).isEqualTo(counted);
        for (long offset : new long[] {1, SECOND / 3, SECOND, 2 * SECOND + 1, 5 * SECOND}) {
            long expected = 0;
            while (schedule.intendedStartNanos(expected) < offset) {
                expected++;
            }
            assertThat(schedule.countBefore(offset))
                    .as("arrivals before %d ns at %s/s", offset, rps)
                    .isEqualTo(expected);
        }
    }

    @Test
    void nothingIsDueBeforeTheStart() {
        assertThat(new ArrivalSchedule(10, SECOND).countBefore(0)).isZero();
    }

    @Test
    void rejectsRatesThatCannotBeScheduled() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ArrivalSchedule(0, SECOND));
        assertThatIllegalArgumentException().isThrownBy(() -> new ArrivalSchedule(Double.NaN, SECOND));
        assertThatIllegalArgumentException().isThrownBy(() -> new ArrivalSchedule(Double.POSITIVE_INFINITY, SECOND));
        assertThatIllegalArgumentException().isThrownBy(() -> new ArrivalSchedule(1, 0));
    }
}
