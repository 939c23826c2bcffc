package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.LatencySummary;
import io.github.junitloadtest.api.PercentilePoint;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of recorded latencies, in microseconds, read in milliseconds: an HdrHistogram and
 * the exact sum of the values (bucket midpoints could understate the mean).
 *
 * <p>Two distributions add bucket by bucket ({@link #plus}), and one is written and read back
 * without loss as HdrHistogram's own compressed encoding ({@link #encoded}, {@link #decode}). A
 * compact one ({@link #compact}) holds only that encoding, a kilobyte or two where a histogram takes
 * some 80, so a run can keep every interval of hours; it is decoded whenever it is read.
 */
public final class LatencyDistribution {

    /** HdrHistogram's precision for every latency of a run: three significant digits. */
    static final int SIGNIFICANT_DIGITS = 3;

    /** No samples. */
    public static final LatencyDistribution EMPTY = new LatencyDistribution(new Histogram(SIGNIFICANT_DIGITS), 0);

    /** The samples; null when compact. */
    private final @Nullable AbstractHistogram histogram;
    /** HdrHistogram's compressed encoding of the samples; null unless compact. */
    private final byte @Nullable [] compressed;

    private final long totalMicros;

    /**
     * A distribution; the histogram is not copied and must not change afterwards.
     *
     * @param histogram the samples in microseconds
     * @param totalMicros the exact sum of the recorded microseconds
     */
    LatencyDistribution(AbstractHistogram histogram, long totalMicros) {
        this.histogram = histogram;
        this.compressed = null;
        this.totalMicros = totalMicros;
    }

    private LatencyDistribution(byte[] compressed, long totalMicros) {
        this.histogram = null;
        this.compressed = compressed;
        this.totalMicros = totalMicros;
    }

    /** A copy that holds only the compressed encoding, for the many intervals of a long run. */
    LatencyDistribution compact() {
        return compressed != null ? this : new LatencyDistribution(compress(histogram()), totalMicros);
    }

    /** The same samples in a histogram, decoded once, for reading many figures of a compact one. */
    LatencyDistribution expanded() {
        return compressed == null ? this : new LatencyDistribution(histogram(), totalMicros);
    }

    /**
     * The samples in HdrHistogram's compressed encoding, taken from their counts into a histogram of
     * our own first, so that the header is sized from the counts themselves: decoding the encoding of
     * a {@code Recorder}'s interval histogram taken as it was once failed mid-run with a count past
     * the end of the decoded array.
     */
    private static byte[] compress(AbstractHistogram histogram) {
        Histogram plain = new Histogram(SIGNIFICANT_DIGITS);
        for (HistogramIterationValue value : histogram.recordedValues()) {
            plain.recordValueWithCount(value.getValueIteratedTo(), value.getCountAtValueIteratedTo());
        }
        ByteBuffer buffer = ByteBuffer.allocate(plain.getNeededByteBufferCapacity());
        int length = plain.encodeIntoCompressedByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    /**
     * The samples of both, bucket by bucket, and the sum of their totals.
     *
     * @param other another distribution
     * @return the sum
     */
    public LatencyDistribution plus(LatencyDistribution other) {
        Histogram sum = new Histogram(SIGNIFICANT_DIGITS);
        sum.add(histogram());
        sum.add(other.histogram());
        return new LatencyDistribution(sum, totalMicros + other.totalMicros);
    }

    /** The samples as a histogram, decoded when compact; not to be changed. */
    AbstractHistogram histogram() {
        if (histogram != null) {
            return histogram;
        }
        // One of the two is set, by each constructor.
        byte[] encoding = Objects.requireNonNull(compressed);
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoding), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a compact latency distribution could not be decoded", e);
        }
    }

    /** How many samples. */
    public long count() {
        return histogram().getTotalCount();
    }

    /** The exact sum of the samples, in microseconds. */
    public long totalMicros() {
        return totalMicros;
    }

    /**
     * The samples in HdrHistogram's compressed encoding, in Base64: what {@link #decode} reads back.
     *
     * @return the encoded histogram
     */
    public String encoded() {
        return Base64.getEncoder().encodeToString(compressed != null ? compressed : compress(histogram()));
    }

    /**
     * Reads a distribution written by {@link #encoded}, compact.
     *
     * @param encoded the Base64 text
     * @param totalMicros the exact sum of the samples
     * @return the distribution
     * @throws IllegalArgumentException when the text is not an encoded histogram
     */
    public static LatencyDistribution decode(String encoded, long totalMicros) {
        byte[] compressed;
        Histogram decoded;
        try {
            compressed = Base64.getDecoder().decode(encoded);
            // Decoded once to check it; kept compact, so a snapshot of hours reads back in the memory it was written
            // from.
            decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded HdrHistogram: " + e.getMessage(), e);
        }
        if (decoded.getNumberOfSignificantValueDigits() != SIGNIFICANT_DIGITS) {
            throw new IllegalArgumentException("a histogram of " + decoded.getNumberOfSignificantValueDigits()
                    + " significant digits, where every latency here has " + SIGNIFICANT_DIGITS
                    + ": it would not add up bucket by bucket");
        }
        return new LatencyDistribution(compressed, totalMicros);
    }

    /**
     * Whether both hold the same samples: the same count in every bucket and the same sum.
     *
     * @param other another distribution
     * @return true when no bucket differs
     */
    public boolean sameSamplesAs(LatencyDistribution other) {
        if (count() != other.count() || totalMicros != other.totalMicros) {
            return false;
        }
        List<long[]> mine = buckets();
        List<long[]> theirs = other.buckets();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            if (mine.get(i)[0] != theirs.get(i)[0] || mine.get(i)[1] != theirs.get(i)[1]) {
                return false;
            }
        }
        return true;
    }

    /** Equal when {@link #sameSamplesAs} says so: the same samples, whatever the histogram's layout. */
    @Override
    public boolean equals(Object other) {
        return other instanceof LatencyDistribution distribution && sameSamplesAs(distribution);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count()) * 31 + Long.hashCode(totalMicros);
    }

    @Override
    public String toString() {
        return count() == 0
                ? "no samples"
                : count() + " samples, p50 " + percentileMillis(50) + " ms, max " + maxMillis() + " ms";
    }

    /** Receives each recorded value with its count. */
    @FunctionalInterface
    public interface ValueCounts {
        /**
         * One recorded value.
         *
         * @param micros the value, in microseconds (the highest of its bucket)
         * @param count how many samples it holds
         */
        void accept(long micros, long count);
    }

    /**
     * Hands every recorded value, with its count, to a receiver, lowest first.
     *
     * @param values the receiver
     */
    public void forEachValue(ValueCounts values) {
        for (HistogramIterationValue value : histogram().recordedValues()) {
            values.accept(value.getValueIteratedTo(), value.getCountAtValueIteratedTo());
        }
    }

    private List<long[]> buckets() {
        List<long[]> buckets = new ArrayList<>();
        forEachValue((micros, count) -> buckets.add(new long[] {micros, count}));
        return buckets;
    }

    /**
     * The percentile as the upper bound of the bucket holding it, so it never understates.
     *
     * @param percentile in (0, 100]
     * @return milliseconds, or zero with no samples
     */
    public double percentileMillis(double percentile) {
        AbstractHistogram samples = histogram();
        if (samples.getTotalCount() == 0) {
            return 0;
        }
        // getValueAtPercentile already reports the highest value equivalent to the bucket's values.
        return samples.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * How many samples are at or above a value.
     *
     * @param millis the value, in milliseconds
     * @return the samples recorded as that value or more
     */
    public long samplesAtOrAbove(double millis) {
        long micros = (long) Math.ceil(millis * 1000);
        AbstractHistogram samples = histogram();
        if (samples.getTotalCount() == 0 || micros > samples.getMaxValue()) {
            return 0;
        }
        return samples.getCountBetweenValues(micros, samples.getMaxValue());
    }

    /**
     * How many samples lie above the percentile's rank: {@code n − ceil(p × n / 100)}. Zero means the
     * percentile is the maximum, and the sample count cannot resolve it.
     *
     * @param percentile in (0, 100]
     * @return samples strictly beyond the percentile's rank
     */
    public long samplesBeyond(double percentile) {
        long n = count();
        long rank = (long) Math.ceil(percentile / 100.0 * n - 1e-9);
        return Math.max(0, n - Math.max(rank, 1));
    }

    /** The largest sample, as its bucket's upper bound. */
    public double maxMillis() {
        AbstractHistogram samples = histogram();
        return samples.getTotalCount() == 0 ? 0 : samples.getMaxValue() / 1000.0;
    }

    /** The arithmetic mean of the recorded values, exact rather than from bucket midpoints. */
    public double meanMillis() {
        return count() == 0 ? 0 : (double) totalMicros / count() / 1000.0;
    }

    /**
     * The percentile spectrum, as HdrHistogram plots it: values at percentiles that close in on 100
     * in halving steps (50, 75, 87.5, …), ending at the maximum.
     *
     * @return points of percentile and milliseconds, in increasing order
     */
    public List<PercentilePoint> spectrum() {
        List<PercentilePoint> points = new ArrayList<>();
        AbstractHistogram samples = histogram();
        if (samples.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue value : samples.percentiles(5)) {
            double percentile = value.getPercentileLevelIteratedTo();
            points.add(new PercentilePoint(
                    percentile, samples.highestEquivalentValue(value.getValueIteratedTo()) / 1000.0));
            if (percentile >= 100) {
                break;
            }
        }
        return points;
    }

    /** The usual percentiles. */
    public LatencySummary summary() {
        LatencyDistribution samples = expanded();
        if (samples.count() == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(
                samples.count(),
                samples.percentileMillis(50),
                samples.percentileMillis(90),
                samples.percentileMillis(95),
                samples.percentileMillis(99),
                samples.percentileMillis(99.9),
                samples.maxMillis(),
                samples.meanMillis());
    }
}
