package io.github.junitloadtest.internal.plan;

/**
 * One declared threshold.
 *
 * @param kind what is measured
 * @param percentile for {@link Kind#PERCENTILE}, in (0, 100]; otherwise zero
 * @param limit the limit in the kind's unit
 * @param annotation the annotation that declared it, for messages, e.g. {@code "@P95Below"}
 * @param phase the phase it applies to, or empty for the whole measured run
 * @param perEndpoint whether it applies to each endpoint separately
 * @param abortOnFail whether the run stops once the threshold is certain to fail
 */
public record Threshold(
        Kind kind,
        double percentile,
        double limit,
        String annotation,
        String phase,
        boolean perEndpoint,
        boolean abortOnFail) {

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
        THROUGHPUT,
        /** Passed named checks, in percent. */
        CHECK_RATE
    }

    public Threshold {
        if (kind == Kind.PERCENTILE && !(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must lie in (0, 100] but was " + percentile);
        }
        if (!Double.isFinite(limit) || limit < 0) {
            throw new IllegalArgumentException("limit must be finite and not negative but was " + limit);
        }
    }

    /** A percentile threshold over the whole run. */
    public static Threshold percentile(double percentile, double limitMillis, String annotation) {
        return new Threshold(Kind.PERCENTILE, percentile, limitMillis, annotation, "", false, false);
    }

    /** A threshold of any kind but {@link Kind#PERCENTILE}, over the whole run. */
    public static Threshold of(Kind kind, double limit, String annotation) {
        return new Threshold(kind, 0, limit, annotation, "", false, false);
    }

    /** This threshold with another scope and abort setting. */
    public Threshold scoped(String phase, boolean perEndpoint, boolean abortOnFail) {
        return new Threshold(kind, percentile, limit, annotation, phase, perEndpoint, abortOnFail);
    }

    /** This threshold with another limit. */
    public Threshold withLimit(double newLimit) {
        return new Threshold(kind, percentile, newLimit, annotation, phase, perEndpoint, abortOnFail);
    }

    /** Whether it judges latency. */
    public boolean isLatency() {
        return kind == Kind.PERCENTILE || kind == Kind.MAX || kind == Kind.MEAN;
    }
}
