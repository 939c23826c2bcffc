package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.internal.format.Numbers;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.commons.support.AnnotationSupport;

/** Checks that JUnit's own timeout for a load test is longer than its load, which it would otherwise cut short. */
final class JUnitTimeout {

    private JUnitTimeout() {}

    private static final Pattern JUNIT_TIMEOUT =
            Pattern.compile("\\s*(\\d+)\\s*(ns|μs|us|ms|s|m|h|d)?\\s*", Pattern.CASE_INSENSITIVE);

    /** A timeout as found, and where. */
    private record Found(String source, long millis) {}

    /**
     * A JUnit timeout shorter than the load would interrupt it midway: reported before the run instead,
     * from {@code @Timeout} on the method, its class or an enclosing class, or JUnit's default timeouts.
     */
    static void check(
            Class<?> testClass,
            Method method,
            Duration load,
            int runs,
            Duration wait,
            OutsideSettings settings,
            ConfigurationProblems problems) {
        if (settings.junitParameter("junit.jupiter.execution.timeout.mode")
                .filter(mode -> mode.strip().equalsIgnoreCase("disabled"))
                .isPresent()) {
            return;
        }
        Optional<Found> timeout = AnnotationSupport.findAnnotation(method, Timeout.class)
                .map(declared -> new Found("@Timeout on the method", millis(declared)));
        for (Class<?> type = testClass; timeout.isEmpty() && type != null; type = type.getEnclosingClass()) {
            timeout = AnnotationSupport.findAnnotation(type, Timeout.class)
                    .map(declared -> new Found("@Timeout on the class", millis(declared)));
        }
        for (String key : List.of(
                "junit.jupiter.execution.timeout.test.method.default",
                "junit.jupiter.execution.timeout.testable.method.default",
                "junit.jupiter.execution.timeout.default")) {
            if (timeout.isEmpty()) {
                timeout = settings.junitParameter(key)
                        .flatMap(JUnitTimeout::junitTimeoutMillis)
                        .map(value -> new Found("configuration parameter '" + key + "'", value));
            }
        }
        String waiting = wait.isZero()
                ? ""
                : " after waiting " + Numbers.format(wait.toMillis() / 1000.0, 3) + " s for its shard's start ("
                        + LoadTest.START_AT_PROPERTY_NAME + ")";
        Duration longest = load.multipliedBy(runs);
        String repeated = runs == 1
                ? ""
                : " (" + runs + " runs of " + Numbers.format(load.toMillis() / 1000.0, 3)
                        + " s when a regression is measured again, confirmRuns = " + (runs - 1) + ")";
        timeout.filter(limit -> limit.millis() < longest.plus(wait).toMillis())
                .ifPresent(limit -> problems.add(
                        "@LoadTest on method %s runs for %s s%s%s, longer than its JUnit timeout of %s s (%s), which would stop"
                                + " it midway; raise the timeout above the load's duration or shorten the load.",
                        problems.where,
                        Numbers.format(longest.toMillis() / 1000.0, 3),
                        repeated,
                        waiting,
                        Numbers.format(limit.millis() / 1000.0, 3),
                        limit.source()));
    }

    private static long millis(Timeout timeout) {
        return timeout.unit().toMillis(timeout.value());
    }

    /** JUnit's timeout text: a number with an optional unit (seconds when omitted), for example {@code "5 s"}. */
    private static Optional<Long> junitTimeoutMillis(String text) {
        Matcher matcher = JUNIT_TIMEOUT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
        TimeUnit timeUnit = switch (unit) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "μs", "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "m" -> TimeUnit.MINUTES;
            case "h" -> TimeUnit.HOURS;
            case "d" -> TimeUnit.DAYS;
            default -> TimeUnit.SECONDS;
        };
        return Optional.of(timeUnit.toMillis(value));
    }
}
