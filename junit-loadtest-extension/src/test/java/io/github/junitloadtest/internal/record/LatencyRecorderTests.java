package io.github.junitloadtest.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.ErrorSample;
import io.github.junitloadtest.api.Outcome;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class LatencyRecorderTests {

    private static final long MILLI = 1_000_000;

    private final LatencyRecorder recorder = new LatencyRecorder();

    @Test
    void correctedLatencyCountsFromTheIntendedStartAndServiceTimeFromTheActualStart() {
        recorder.measureFrom(0);
        recorder.recordIteration(0, 900 * MILLI, 1000 * MILLI, Outcome.SUCCESS, null);

        assertThat(recorder.recording().corrected().maxMillis()).isBetween(1000.0, 1000.0 * 1.001);
        assertThat(recorder.recording().service().maxMillis()).isBetween(100.0, 100.0 * 1.001);
        assertThat(recorder.recording().lag().maxMillis()).isBetween(900.0, 900.0 * 1.001);
    }

    @Test
    void partialMicrosecondsRoundUpSoNothingIsUnderstated() {
        recorder.measureFrom(0);
        recorder.recordIteration(0, 0, 1_000_001, Outcome.SUCCESS, null);

        assertThat(recorder.recording().corrected().maxMillis()).isEqualTo(1.001);
    }

    @Test
    void warmupIterationsAreCountedButLeftOutOfTheFigures() {
        recorder.measureFrom(5000 * MILLI);
        recorder.recordIteration(4999 * MILLI, 4999 * MILLI, 6000 * MILLI, Outcome.SUCCESS, null);
        recorder.recordIteration(5000 * MILLI, 5000 * MILLI, 5001 * MILLI, Outcome.SUCCESS, null);

        assertThat(recorder.recording().warmupIterations()).isEqualTo(1);
        assertThat(recorder.recording().corrected().count()).isEqualTo(1);
        assertThat(recorder.recording().corrected().maxMillis()).isEqualTo(1.0);
        assertThat(recorder.recording().outcomes()).containsEntry(Outcome.SUCCESS, 1L);
    }

    @Test
    void aTimeoutStaysInTheLatencyFiguresButAConnectionFailureDoesNot() {
        recorder.measureFrom(0);
        recorder.recordIteration(0, 0, 2000 * MILLI, Outcome.TIMEOUT, new TimeoutException("slow"));
        recorder.recordIteration(0, 0, 1 * MILLI, Outcome.CONNECTION, new ConnectException("refused"));

        assertThat(recorder.recording().corrected().count()).isEqualTo(1);
        assertThat(recorder.recording().corrected().maxMillis()).isBetween(2000.0, 2000.0 * 1.001);
        assertThat(recorder.recording().outcomes())
                .containsEntry(Outcome.TIMEOUT, 1L)
                .containsEntry(Outcome.CONNECTION, 1L);
    }

    @Test
    void aConnectionThatBrokeAfterTheRequestKeepsItsLatency() {
        recorder.measureFrom(0);
        recorder.recordIteration(0, 0, 25_000 * MILLI, Outcome.RESET, new java.net.SocketException("Connection reset"));

        assertThat(recorder.recording().corrected().count()).isEqualTo(1);
        assertThat(recorder.recording().corrected().maxMillis()).isBetween(25_000.0, 25_000.0 * 1.001);
    }

    @Test
    void theMeanIsExactSoItNeverUnderstates() {
        recorder.measureFrom(0);
        for (int i = 0; i < 10; i++) {
            recorder.recordIteration(0, 0, 200_060_000, Outcome.SUCCESS, null);
        }

        assertThat(recorder.recording().corrected().meanMillis()).isEqualTo(200.06);
    }

    @Test
    void distinctErrorMessagesAreCountedAndBounded() {
        recorder.measureFrom(0);
        for (int i = 0; i < 3; i++) {
            recorder.recordIteration(0, 0, MILLI, Outcome.EXCEPTION, new IllegalStateException("same"));
        }
        for (int i = 0; i < 100; i++) {
            recorder.recordIteration(0, 0, MILLI, Outcome.EXCEPTION, new IllegalStateException("distinct " + i));
        }

        assertThat(recorder.recording().errors()).hasSize(ErrorSamples.MAX_DISTINCT);
        assertThat(recorder.recording().errors().get(0))
                .isEqualTo(new ErrorSample(Outcome.EXCEPTION, "IllegalStateException: same", 3));
        assertThat(recorder.recording().outcomes()).containsEntry(Outcome.EXCEPTION, 103L);
    }

    @Test
    void endpointNamesAreBounded() {
        for (int i = 0; i < LatencyRecorder.MAX_ENDPOINTS + 50; i++) {
            recorder.endpoint("GET /item/" + i).recordResponse(0, MILLI, MILLI, 200, 10);
        }

        assertThat(recorder.recording().endpoints()).hasSize(LatencyRecorder.MAX_ENDPOINTS + 1);
        assertThat(recorder.recording().endpoints()).anySatisfy(endpoint -> {
            assertThat(endpoint.name()).isEqualTo(LatencyRecorder.OTHER_ENDPOINTS);
            assertThat(endpoint.requests()).isEqualTo(50);
        });
    }
}
