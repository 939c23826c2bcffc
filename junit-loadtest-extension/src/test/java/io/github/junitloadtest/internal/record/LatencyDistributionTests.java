package io.github.junitloadtest.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyDistributionTests {

    private final LatencyDistribution full = distribution(1, 2, 3, 40, 500, 6_000, 70_000, 800_000, 2_500_000);

    @Test
    void aHistogramOfAnotherPrecisionIsRefusedRatherThanAddedApproximately() {
        Histogram twoDigits = new Histogram(2);
        twoDigits.recordValue(1234);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(twoDigits.getNeededByteBufferCapacity());
        int length = twoDigits.encodeIntoCompressedByteBuffer(buffer);
        String encoded = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));

        assertThatThrownBy(() -> LatencyDistribution.decode(encoded, 1234))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a histogram of 2 significant digits, where every latency here has 3: it would not add up"
                        + " bucket by bucket");
    }

    @Test
    void aCompactDistributionReadsExactlyAsTheHistogramItWasMadeFrom() {
        LatencyDistribution compact = full.compact();

        assertThat(compact.summary()).isEqualTo(full.summary());
        assertThat(compact.spectrum()).isEqualTo(full.spectrum());
        assertThat(compact.percentileMillis(99.9)).isEqualTo(full.percentileMillis(99.9));
        assertThat(compact.encoded()).isEqualTo(full.encoded());
        assertThat(compact).isEqualTo(full);
        assertThat(compact.expanded()).isEqualTo(full);
    }

    @Test
    void anIntervalOfARecorderThatGrewReadsBackWhole() {
        // The recorder's interval histograms grow as values come; their encoding must decode whatever they grew to.
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.start(0, 0);
        java.util.Random random = new java.util.Random(400);
        long expectedMax = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 6000; i++) {
                long latency = (long) Math.exp(random.nextDouble() * Math.log(30e9));
                expectedMax = Math.max(expectedMax, latency);
                recorder.recordIteration(0, 0, latency, io.github.junitloadtest.api.Outcome.SUCCESS, null);
            }
            IntervalSnapshot interval = recorder.tick((round + 1) * 1_000_000_000L);
            assertThat(interval.corrected().count()).isEqualTo(6000);
            assertThat(interval.corrected().expanded()).isEqualTo(interval.corrected());
        }
        assertThat(recorder.recording().corrected().count()).isEqualTo(18000);
    }

    @Test
    void theEncodingReadsBackToTheSameSamplesAndSum() {
        LatencyDistribution decoded = LatencyDistribution.decode(full.encoded(), full.totalMicros());

        assertThat(decoded).isEqualTo(full);
        assertThat(decoded.meanMillis()).isEqualTo(full.meanMillis());
        assertThat(decoded.maxMillis()).isEqualTo(full.maxMillis());
    }

    @Test
    void twoDistributionsAddBucketForBucket() {
        LatencyDistribution low = distribution(1, 2, 3, 40);
        LatencyDistribution high = distribution(500, 6_000, 70_000, 800_000, 2_500_000);

        assertThat(low.plus(high)).isEqualTo(full);
        assertThat(low.compact().plus(high.compact())).isEqualTo(full);
        assertThat(low.plus(high)).isNotEqualTo(low.plus(low));
    }

    @Test
    void textThatIsNotAnEncodedHistogramIsRefused() {
        assertThatThrownBy(() -> LatencyDistribution.decode("bm90IGEgaGlzdG9ncmFt", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an encoded HdrHistogram");
    }

    private static LatencyDistribution distribution(long... micros) {
        Histogram histogram = new Histogram(LatencyDistribution.SIGNIFICANT_DIGITS);
        long sum = 0;
        for (long value : micros) {
            histogram.recordValue(value);
            sum += value;
        }
        return new LatencyDistribution(histogram, sum);
    }
}
