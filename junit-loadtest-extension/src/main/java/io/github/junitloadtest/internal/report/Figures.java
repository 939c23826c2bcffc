package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.LatencySummary;
import io.github.junitloadtest.internal.format.Numbers;

/** Figures of a latency summary for pages, where a summary of no samples reads "no samples", never "0 ms". */
final class Figures {

    static final String NO_SAMPLES = "no samples";

    private Figures() {}

    /** The value in milliseconds with its unit, or "no samples". */
    static String ms(LatencySummary summary, double millis) {
        return summary.count() == 0 ? NO_SAMPLES : Numbers.ms(millis);
    }

    /** The value in milliseconds without a unit, or "no samples". */
    static String millis(LatencySummary summary, double millis) {
        return summary.count() == 0 ? NO_SAMPLES : Numbers.millis(millis);
    }
}
