package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.LatencySummary;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.format.Numbers;
import java.util.Set;

/** Figures of a latency summary for pages, where a summary of no samples reads "no samples", never "0 ms". */
final class Figures {

    static final String NO_SAMPLES = "no samples";

    /** Units of threshold values that are figures of samples (a latency, a ratio), unlike counts and rates. */
    static final Set<String> SAMPLED_UNITS = Set.of("ms", "%");

    private Figures() {}

    /** The value in milliseconds with its unit, or "no samples". */
    static String ms(LatencySummary summary, double millis) {
        return summary.count() == 0 ? NO_SAMPLES : Numbers.ms(millis);
    }

    /**
     * A threshold's measured value with its unit, or "no samples" for a latency or a ratio that
     * rests on none (a count or a rate of zero is a measurement).
     */
    static String actual(ThresholdResult threshold) {
        if (threshold.sampleSize() == 0 && SAMPLED_UNITS.contains(threshold.unit())) {
            return NO_SAMPLES;
        }
        String unit = threshold.unit();
        return Numbers.format(threshold.actual(), 3) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** The value in milliseconds without a unit, or "no samples". */
    static String millis(LatencySummary summary, double millis) {
        return summary.count() == 0 ? NO_SAMPLES : Numbers.millis(millis);
    }
}
