package io.github.junitloadtest.internal.plan;

/**
 * One declared threshold.
 *
 * @param kind what is measured
 * @param percentile for {@link Kind#PERCENTILE}, in (0, 100]; otherwise zero
 * @param limit the limit in the kind's unit
 * @param annotation the annotation that declared it, for messages, e.g. {@code "@P95Below"}
 */
public record Threshold(Kind kind, double percentile, double limit, String annotation) {

    /** What a threshold measures. */
    public enum Kind {
        /** A percentile of corrected latency, in milliseconds. */
        PERCENTILE,
        /** The largest corrected latency, in milliseconds. */
        MAX,
        /** The mean corrected latency, in milliseconds. */
        MEAN,
        /** Failed iterations, in percent. */
        ERROR_RATE,
        /** Successful iterations per second. */
        THROUGHPUT
    }

    public Threshold {
        if (kind == Kind.PERCENTILE && !(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must lie in (0, 100] but was " + percentile);
        }
        if (!Double.isFinite(limit) || limit < 0) {
            throw new IllegalArgumentException("limit must be finite and not negative but was " + limit);
        }
    }

    /** A percentile threshold. */
    public static Threshold percentile(double percentile, double limitMillis, String annotation) {
        return new Threshold(Kind.PERCENTILE, percentile, limitMillis, annotation);
    }

    /** A threshold of any kind but {@link Kind#PERCENTILE}. */
    public static Threshold of(Kind kind, double limit, String annotation) {
        return new Threshold(kind, 0, limit, annotation);
    }
}
