package io.github.junitloadtest.internal.format;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats figures for messages: no trailing zeros, a dot as decimal separator. */
public final class Numbers {

    private Numbers() {}

    /**
     * Rounds to at most the given decimals and drops trailing zeros: {@code 612.40 → "612.4"}, {@code 500.0 → "500"}.
     *
     * @param value a finite number
     * @param maxDecimals the most decimals shown
     * @return the text
     */
    public static String format(double value, int maxDecimals) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal rounded = BigDecimal.valueOf(value)
                .setScale(maxDecimals, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    /** A rate as the messages show it: {@code 412.5 req/s}, {@code 16.7 req/s}, {@code 2.125 req/s}. */
    public static String rate(double rps) {
        return format(rps, rps >= 100 ? 1 : 3) + " req/s";
    }

    /**
     * An instant as ISO-8601 to the millisecond, {@code 2026-12-04T04:58:52.754Z}; text that is no instant as it is.
     *
     * @param iso an instant as {@link java.time.Instant#toString()} writes it
     * @return the instant without its micro- and nanoseconds
     */
    public static String instant(String iso) {
        try {
            return java.time.Instant.parse(iso)
                    .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                    .toString();
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            return iso;
        }
    }

    /** Milliseconds with up to three decimals. */
    public static String millis(double value) {
        return format(value, 3);
    }

    /** Milliseconds for reports, two decimals and the unit: {@code "612.86 ms"}. */
    public static String ms(double millis) {
        return format(millis, 2) + " ms";
    }

    /** A percentile's label: {@code 95 → "p95"}, {@code 99.9 → "p99.9"}. */
    public static String percentileLabel(double percentile) {
        return "p" + format(percentile, 4);
    }
}
