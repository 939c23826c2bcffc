package io.github.junitloadtest.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyDistributionTests {

    private final LatencyDistribution full = distribution(1, 2, 3, 40, 500, 6_000, 70_000, 800_000, 2_500_000);

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
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an encoded HdrHistogram");
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
