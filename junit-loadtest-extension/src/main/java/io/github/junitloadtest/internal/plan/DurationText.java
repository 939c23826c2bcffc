package io.github.junitloadtest.internal.plan;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations such as {@code "500ms"}, {@code "30s"}, {@code "2m"}, {@code "1h30m"} and {@code "PT30S"}. */
public final class DurationText {

    /** The valid forms, for error messages. */
    public static final String EXAMPLES = "\"500ms\", \"30s\", \"2m\", \"1h30m\" or \"PT30S\"";

    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private DurationText() {}

    /**
     * Parses the text, or returns empty when it is in no valid form or is negative.
     *
     * @param text for example {@code "1h30m"}
     * @return the duration, zero or positive
     */
    public static Optional<Duration> parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (trimmed.charAt(0) == 'P' || trimmed.charAt(0) == 'p') {
            return parseIso(trimmed);
        }
        Matcher matcher = UNITS.matcher(trimmed);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            Duration total = Duration.ZERO
                    .plusHours(number(matcher.group(1)))
                    .plusMinutes(number(matcher.group(2)))
                    .plusSeconds(number(matcher.group(3)))
                    .plusMillis(number(matcher.group(4)));
            return Optional.of(total);
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /**
     * Writes a duration the way the grammar reads it, for example {@code "1m30s"}.
     *
     * @param duration zero or positive
     * @return the shortest text that parses back to the same duration at millisecond precision
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        appendUnit(text, millis / 3_600_000, "h");
        appendUnit(text, millis / 60_000 % 60, "m");
        appendUnit(text, millis / 1000 % 60, "s");
        appendUnit(text, millis % 1000, "ms");
        return text.toString();
    }

    private static void appendUnit(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }

    private static Optional<Duration> parseIso(String text) {
        try {
            Duration duration = Duration.parse(text);
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
