package io.github.junitloadtest.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.schedule.ArrivalSchedule;
import io.github.junitloadtest.support.InlineExecutor;
import io.github.junitloadtest.support.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IterationDispatcherTests {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 1_000 * SECOND;

    private final ManualClock clock = new ManualClock(START);
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final List<Long> startedAt = new ArrayList<>();

    private DispatchResult run(double rps, long lengthNanos, Duration warmup, IterationBody body) {
        IterationDispatcher dispatcher = new IterationDispatcher(
                new ArrivalSchedule(rps, lengthNanos),
                warmup,
                10,
                Duration.ofSeconds(1),
                clock,
                clock,
                Workers.using(new InlineExecutor(), "caller"),
                recorder,
                new IterationContext());
        DispatchResult result = dispatcher.run(body);
        return result;
    }

    @Test
    void iterationsStartAtTheirIntendedTimes() {
        DispatchResult result = run(4, 2 * SECOND, Duration.ZERO, () -> startedAt.add(clock.nanoTime() - START));

        assertThat(startedAt)
                .containsExactly(
                        0L,
                        250_000_000L,
                        500_000_000L,
                        750_000_000L,
                        SECOND,
                        1_250_000_000L,
                        1_500_000_000L,
                        1_750_000_000L);
        assertThat(result.scheduled()).isEqualTo(8);
        assertThat(result.sent()).isEqualTo(8);
        assertThat(result.dropped()).isZero();
        assertThat(recorder.recording().lag().maxMillis()).isZero();
    }

    @Test
    void aBodyThatBlocksForOneSecondShowsInCorrectedP99ButNotInServiceTimeP50() {
        int[] index = {0};
        // 100 arrivals in one second; the first blocks for a whole second, holding up the next 99.
        run(100, SECOND, Duration.ZERO, () -> {
            if (index[0]++ == 0) {
                clock.advanceMillis(1000);
            }
        });

        assertThat(recorder.recording().corrected().count()).isEqualTo(100);
        assertThat(recorder.recording().corrected().percentileMillis(99)).isBetween(990.0, 1000.0 * 1.001);
        assertThat(recorder.recording().corrected().percentileMillis(50)).isBetween(500.0, 510.0 * 1.001);
        assertThat(recorder.recording().service().percentileMillis(50)).isZero();
        assertThat(recorder.recording().service().maxMillis()).isBetween(1000.0, 1000.0 * 1.001);
    }

    @Test
    void anArrivalHeldUpPastItsSecondGoesOutInTheNextAndEachSecondSaysWhatWasDueAndWhatWentOut() {
        int[] index = {0};
        // 10 req/s for 3 s; the first iteration holds the only thread for a second, so the other nine
        // arrivals of second 0 go out at once when it ends, in second 1, with second 1's own ten.
        DispatchResult result = run(10, 3 * SECOND, Duration.ZERO, () -> {
            if (index[0]++ == 0) {
                clock.advanceMillis(1000);
            }
        });

        assertThat(result.duePerSecond()).containsExactly(10L, 10L, 10L);
        assertThat(result.sentPerSecond()).containsExactly(1L, 19L, 10L);
        assertThat(recorder.recording().lag().samplesAtOrAbove(10)).isEqualTo(9);
        assertThat(recorder.recording().lag().samplesAtOrAbove(901)).isZero();
    }

    @Test
    void warmupArrivalsRunButAreNotMeasured() {
        DispatchResult result = run(10, 2 * SECOND, Duration.ofMillis(500), () -> startedAt.add(clock.nanoTime()));

        assertThat(startedAt).hasSize(20);
        assertThat(result.measuredScheduled()).isEqualTo(15);
        assertThat(result.measuredSent()).isEqualTo(15);
        assertThat(recorder.recording().warmupIterations()).isEqualTo(5);
        assertThat(recorder.recording().corrected().count()).isEqualTo(15);
    }

    @Test
    void everyFailureIsClassifiedAndTheRunGoesOn() {
        int[] index = {0};
        run(7, SECOND, Duration.ZERO, () -> {
            switch (index[0]++) {
                case 0 -> throw new AssertionError("wrong body");
                case 1 -> throw new java.net.ConnectException("refused");
                case 2 -> throw new java.net.http.HttpTimeoutException("request timed out");
                case 3 -> throw new IllegalStateException("bug");
                case 4 -> throw new java.net.SocketException("Connection reset");
                case 5 ->
                    throw new java.io.IOException(
                            "HTTP/1.1 header parser received no bytes",
                            new java.io.EOFException("EOF reached while reading"));
                default -> {}
            }
        });

        assertThat(recorder.recording().outcomes())
                .containsEntry(Outcome.CHECK_FAILED, 1L)
                .containsEntry(Outcome.CONNECTION, 1L)
                .containsEntry(Outcome.TIMEOUT, 1L)
                .containsEntry(Outcome.EXCEPTION, 1L)
                .containsEntry(Outcome.RESET, 2L)
                .containsEntry(Outcome.SUCCESS, 1L);
    }
}
