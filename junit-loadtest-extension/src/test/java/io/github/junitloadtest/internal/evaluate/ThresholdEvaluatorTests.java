package io.github.junitloadtest.internal.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.evaluate.ThresholdEvaluator.Measurements;
import io.github.junitloadtest.internal.plan.Threshold;
import io.github.junitloadtest.internal.plan.Threshold.Kind;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdEvaluatorTests {

    private static final long MILLI = 1_000_000;

    private static Measurements measurements(
            io.github.junitloadtest.internal.record.LatencyDistribution corrected,
            Map<Outcome, Long> outcomes,
            double windowSeconds,
            double rps) {
        String load = io.github.junitloadtest.internal.format.Numbers.format(rps, 3) + " req/s for "
                + io.github.junitloadtest.internal.format.Numbers.format(windowSeconds, 3) + " s";
        return Measurements.of("", corrected, outcomes, windowSeconds, load);
    }

    /** Records each latency as one successful iteration intended at time zero. */
    private static Measurements latencies(long... micros) {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.measureFrom(0);
        for (long value : micros) {
            recorder.recordIteration(0, 0, value * 1000, Outcome.SUCCESS, null);
        }
        return measurements(
                recorder.recording().corrected(), recorder.recording().outcomes(), 60, 16.7);
    }

    private static Measurements outcomes(long successes, long failures, Outcome failure, double windowSeconds) {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.measureFrom(0);
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0L);
        }
        counts.put(Outcome.SUCCESS, successes);
        counts.put(failure, failures);
        return measurements(recorder.recording().corrected(), counts, windowSeconds, 16.7);
    }

    @Test
    void aPercentileJustUnderItsLimitPassesAndOneAtItFails() {
        // Below 2048 µs every microsecond has its own bucket, so these values are exact.
        Threshold limit = Threshold.percentile(50, 1.5, "@P50Below");

        assertThat(ThresholdEvaluator.evaluate(limit, latencies(1499, 1499, 1499))
                        .passed())
                .isTrue();
        assertThat(ThresholdEvaluator.evaluate(limit, latencies(1500, 1500, 1500))
                        .passed())
                .isFalse();
        assertThat(ThresholdEvaluator.evaluate(limit, latencies(1501, 1501, 1501))
                        .passed())
                .isFalse();
    }

    @Test
    void aPercentileIsJudgedByTheUpperBoundOfItsBucket() {
        // 499.990 ms lies in the bucket [499.968, 500.224) ms: its upper bound is over the limit, so it fails.
        ThresholdResult result =
                ThresholdEvaluator.evaluate(Threshold.percentile(95, 500, "@P95Below"), latencies(499_990));

        assertThat(result.actual()).isEqualTo(500.223);
        assertThat(result.passed()).isFalse();
    }

    @Test
    void aViolationMessageNamesMetricValueLimitSampleSizeAndLoad() {
        long[] values = new long[1002];
        java.util.Arrays.fill(values, 0, 900, 100_000);
        java.util.Arrays.fill(values, 900, 1002, 612_400);

        ThresholdResult result =
                ThresholdEvaluator.evaluate(Threshold.percentile(95, 500, "@P95Below"), latencies(values));

        assertThat(result.passed()).isFalse();
        assertThat(result.sampleSize()).isEqualTo(1002);
        // 612.4 ms lies in the bucket [612.352, 612.864) ms; its upper bound is reported.
        assertThat(result.message()).isEqualTo("p95 latency 612.863 ms exceeded 500 ms (n=1002, 16.7 req/s for 60 s)");
    }

    @Test
    void aPercentileTheSamplesCannotResolveSaysItIsTheMaximum() {
        long[] values = new long[500];
        java.util.Arrays.fill(values, 1000);

        ThresholdResult result =
                ThresholdEvaluator.evaluate(Threshold.percentile(99.9, 0.5, "@P999Below"), latencies(values));

        assertThat(result.message())
                .isEqualTo("p99.9 latency 1 ms exceeded 0.5 ms (n=500, 16.7 req/s for 60 s;"
                        + " no sample lies above p99.9, so it is the maximum: p99.9 needs at least 1000 samples)");
    }

    @Test
    void maxAndMeanAreCheckedAtJustUnderAndAtTheirLimits() {
        Measurements measured = latencies(1000, 2000);

        assertThat(ThresholdEvaluator.evaluate(Threshold.of(Kind.MAX, 2.001, "@MaxBelow"), measured)
                        .passed())
                .isTrue();
        assertThat(ThresholdEvaluator.evaluate(Threshold.of(Kind.MAX, 2.0, "@MaxBelow"), measured)
                        .passed())
                .isFalse();
        assertThat(ThresholdEvaluator.evaluate(Threshold.of(Kind.MEAN, 1.501, "@MeanBelow"), measured)
                        .passed())
                .isTrue();
        assertThat(ThresholdEvaluator.evaluate(Threshold.of(Kind.MEAN, 1.5, "@MeanBelow"), measured)
                        .passed())
                .isFalse();
    }

    @Test
    void aMeanJustAboveItsLimitFailsEvenInsideOneBucket() {
        // 200.060 ms lies in a bucket whose midpoint is below 200.05 ms; the mean must not use it.
        ThresholdResult result = ThresholdEvaluator.evaluate(
                Threshold.of(Kind.MEAN, 200.05, "@MeanBelow"), latencies(200_060, 200_060, 200_060));

        assertThat(result.passed()).isFalse();
    }

    @Test
    void aLatencyThresholdWithNoSamplesNeverPasses() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.measureFrom(0);
        for (int i = 0; i < 5; i++) {
            recorder.recordIteration(0, 0, MILLI, Outcome.CONNECTION, new java.net.ConnectException("refused"));
        }
        Measurements measured = measurements(
                recorder.recording().corrected(), recorder.recording().outcomes(), 1, 5);

        ThresholdResult result = ThresholdEvaluator.evaluate(Threshold.percentile(95, 500, "@P95Below"), measured);

        assertThat(result.passed()).isFalse();
        assertThat(result.message())
                .isEqualTo("p95 latency has no samples to hold below 500 ms: all 5 measured"
                        + " iterations failed without a response (5 CONNECTION) (5 req/s for 1 s)");
    }

    @Test
    void errorRateIsCheckedAtJustUnderAndAtItsLimit() {
        Threshold onePercent = Threshold.of(Kind.ERROR_RATE, 1.0, "@ErrorRateBelow");

        assertThat(ThresholdEvaluator.evaluate(onePercent, outcomes(1001, 10, Outcome.HTTP_5XX, 60))
                        .passed())
                .isTrue();
        ThresholdResult atLimit = ThresholdEvaluator.evaluate(onePercent, outcomes(990, 10, Outcome.HTTP_5XX, 60));
        assertThat(atLimit.passed()).isFalse();
        assertThat(atLimit.message())
                .isEqualTo("error rate 1 % exceeded 1 % (10 of 1000 iterations failed:"
                        + " 10 HTTP_5XX; 16.7 req/s for 60 s)");
    }

    @Test
    void aZeroErrorRateAllowsNoFailureAtAll() {
        Threshold none = Threshold.of(Kind.ERROR_RATE, 0, "@ErrorRateBelow");

        ThresholdResult clean = ThresholdEvaluator.evaluate(none, outcomes(1000, 0, Outcome.TIMEOUT, 60));
        assertThat(clean.passed()).isTrue();
        assertThat(clean.message())
                .isEqualTo("error rate 0 % within 0 % (0 of 1000 iterations failed; 16.7 req/s for 60 s)");
        assertThat(ThresholdEvaluator.evaluate(none, outcomes(99_999, 1, Outcome.TIMEOUT, 60))
                        .passed())
                .isFalse();
    }

    @Test
    void throughputMustExceedItsFloor() {
        Threshold fifteen = Threshold.of(Kind.THROUGHPUT, 15, "@ThroughputAbove");

        assertThat(ThresholdEvaluator.evaluate(fifteen, outcomes(901, 0, Outcome.TIMEOUT, 60))
                        .passed())
                .isTrue();
        ThresholdResult atFloor = ThresholdEvaluator.evaluate(fifteen, outcomes(900, 50, Outcome.TIMEOUT, 60));
        assertThat(atFloor.passed()).isFalse();
        assertThat(atFloor.message())
                .isEqualTo("throughput 15 req/s fell short of 15 req/s (900 successful iterations in 60 s)");
    }
}
