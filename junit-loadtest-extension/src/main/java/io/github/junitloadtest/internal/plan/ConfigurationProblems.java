package io.github.junitloadtest.internal.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Collects every problem with one test's configuration, each a sentence shaped like JUnit's own
 * (the annotation, where it is, the attribute, the rule, the value given and a valid example), and
 * reports them together, before any request is sent.
 */
final class ConfigurationProblems {

    /** The test method, as {@code [ClassName.method(ParameterType)]}. */
    final String where;

    private final List<String> messages = new ArrayList<>();
    private String loadAnnotation = "@LoadTest";

    /**
     * From now on, problems of the attributes {@code @LoadTest} shares with another annotation name
     * that one: {@code @CapacityTest} has the same timeout, in-flight cap, base URL and safety attributes.
     */
    void reportingAs(String annotation) {
        this.loadAnnotation = annotation;
    }

    ConfigurationProblems(String where) {
        this.where = where;
    }

    /** Adds one problem, formatted with {@link String#format} in the root locale. */
    void add(String format, @Nullable Object... arguments) {
        String message = String.format(Locale.ROOT, format, arguments);
        messages.add(
                loadAnnotation.equals("@LoadTest")
                        ? message
                        : message.replace("@LoadTest on method", loadAnnotation + " on method"));
    }

    /** How many problems were found so far. */
    int count() {
        return messages.size();
    }

    /** A duration attribute of {@code @LoadTest}, or a problem naming it when it does not parse. */
    Optional<Duration> durationAttribute(String text, String attribute) {
        Optional<Duration> parsed = DurationText.parse(text);
        if (parsed.isEmpty()) {
            add(
                    "@LoadTest on method %s declares '%s' [\"%s\"]; expected a duration such as %s.",
                    where, attribute, text, DurationText.EXAMPLES);
        }
        return parsed;
    }

    /** Thresholds declared on a method that is not a load test, or the method itself when it has none. */
    void thresholdsWithoutLoadTest(List<Threshold> thresholds) {
        thresholds.stream()
                .map(Threshold::annotation)
                .distinct()
                .forEach(
                        annotation -> add("%s on method %s requires @LoadTest on the same method.", annotation, where));
        if (messages.isEmpty()) {
            add("Method %s is not annotated with @LoadTest.", where);
        }
    }

    void throwIfAny() {
        if (!messages.isEmpty()) {
            throw toException();
        }
    }

    ExtensionConfigurationException toException() {
        if (messages.size() == 1) {
            return new ExtensionConfigurationException("Configuration error: " + messages.get(0));
        }
        return new ExtensionConfigurationException(messages.stream()
                .collect(Collectors.joining("\n- ", "Configuration errors (" + messages.size() + "):\n- ", "")));
    }

    /** A declared number as messages quote it: {@code 16.0}, {@code NaN}, {@code 1.0E300}. */
    static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return Double.toString(value);
    }
}
