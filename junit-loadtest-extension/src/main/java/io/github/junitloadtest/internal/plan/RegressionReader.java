package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.NoRegression;
import io.github.junitloadtest.internal.plan.OutsideSettings.Setting;
import java.lang.reflect.Method;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.commons.support.AnnotationSupport;

/** Reads {@code @NoRegression} and the {@code loadtest.baseline.*} settings into a {@link Regression.Gate}. */
final class RegressionReader {

    /** Where recorded runs are kept unless a setting says otherwise, relative to the module. */
    static final String DEFAULT_DIR = "src/test/loadtest-baselines";

    /** How much worse a latency or the throughput may be by default: 10 %. */
    static final double DEFAULT_TOLERANCE = 0.1;

    /** How much higher the error rate may be by default: half a percentage point. */
    static final double DEFAULT_RATE_TOLERANCE_POINTS = 0.5;

    /** The most runs a regression may be measured again: each one is a whole run of the load. */
    static final int MAX_CONFIRM_RUNS = 3;

    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final Pattern POINTS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*pp");

    private RegressionReader() {}

    static Regression.Gate read(Method method, String testId, OutsideSettings outside, ConfigurationProblems problems) {
        List<Regression> checks = new ArrayList<>();
        Set<NoRegression.Metric> seen = EnumSet.noneOf(NoRegression.Metric.class);
        for (NoRegression declared : AnnotationSupport.findRepeatableAnnotations(method, NoRegression.class)) {
            String where = "@NoRegression(metric = " + declared.metric() + ") on method " + problems.where;
            if (!seen.add(declared.metric())) {
                problems.add("%s is declared twice; declare each metric once.", where);
                continue;
            }
            read(declared, where, testId, problems).ifPresent(checks::add);
        }
        return new Regression.Gate(
                checks,
                dir(outside, problems),
                record(outside, problems),
                outside.flag(LoadTest.BASELINE_ENABLED_PROPERTY_NAME, true, problems),
                outside.get(LoadTest.BASELINE_ENVIRONMENT_PROPERTY_NAME)
                        .map(Setting::value)
                        .map(String::strip)
                        .filter(label -> !label.isEmpty()));
    }

    private static Optional<Regression> read(
            NoRegression declared, String where, String testId, ConfigurationProblems problems) {
        int before = problems.count();
        boolean rate = declared.metric() == NoRegression.Metric.ERROR_RATE;
        double tolerance = tolerance(declared.tolerance(), rate, where, problems);
        Duration minDelta = Duration.ZERO;
        if (!declared.minDelta().isBlank()) {
            Optional<Duration> parsed = DurationText.parse(declared.minDelta());
            if (parsed.isEmpty()) {
                problems.add(
                        "%s declares 'minDelta' [\"%s\"]; expected a duration such as \"5ms\", or \"\" for none.",
                        where, declared.minDelta());
            } else {
                minDelta = parsed.get();
            }
        }
        if (!(declared.confidence() > 0.5 && declared.confidence() < 1)) {
            problems.add(
                    "%s must declare a 'confidence' above 0.5 and below 1, but was [%s]; for example 0.99.",
                    where, ConfigurationProblems.number(declared.confidence()));
        }
        if (declared.history() < 1 || declared.minHistory() < 1 || declared.minHistory() > declared.history()) {
            problems.add(
                    "%s must declare 1 <= minHistory <= history, but was minHistory [%d], history [%d]; for"
                            + " example history = 5, minHistory = 3.",
                    where, declared.minHistory(), declared.history());
        }
        if (declared.confirmRuns() < 0 || declared.confirmRuns() > MAX_CONFIRM_RUNS) {
            problems.add(
                    "%s must declare 'confirmRuns' from 0 to %d, but was [%d]; for example confirmRuns = 1.",
                    where, MAX_CONFIRM_RUNS, declared.confirmRuns());
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        String key =
                declared.baseline().isBlank() ? testId : declared.baseline().strip();
        return Optional.of(new Regression(
                declared.metric(),
                tolerance,
                minDelta,
                declared.confidence(),
                key,
                declared.history(),
                declared.minHistory(),
                declared.onInconclusive() == NoRegression.Inconclusive.FAIL,
                declared.confirmRuns()));
    }

    private static double tolerance(String text, boolean rate, String where, ConfigurationProblems problems) {
        if (text.isBlank()) {
            return rate ? DEFAULT_RATE_TOLERANCE_POINTS : DEFAULT_TOLERANCE;
        }
        Matcher matcher = (rate ? POINTS : PERCENT).matcher(text.strip());
        if (matcher.matches()) {
            double value = Double.parseDouble(matcher.group(1));
            return rate ? value : value / 100;
        }
        problems.add(
                "%s declares 'tolerance' [\"%s\"]; expected %s.",
                where,
                text,
                rate ? "percentage points of the error rate, such as \"0.5pp\"" : "a percentage such as \"10%\"");
        return 0;
    }

    private static Path dir(OutsideSettings outside, ConfigurationProblems problems) {
        Optional<Setting> setting = outside.get(LoadTest.BASELINE_DIR_PROPERTY_NAME);
        if (setting.isEmpty()) {
            return Path.of(DEFAULT_DIR);
        }
        try {
            return Path.of(setting.get().value().strip());
        } catch (InvalidPathException notAPath) {
            problems.add(
                    "%s must name a folder, but was [\"%s\"]: %s; for example \"src/test/loadtest-baselines\".",
                    setting.get().named(), setting.get().value(), notAPath.getMessage());
            return Path.of(DEFAULT_DIR);
        }
    }

    private static Regression.RecordPolicy record(OutsideSettings outside, ConfigurationProblems problems) {
        Optional<Setting> setting = outside.get(LoadTest.BASELINE_RECORD_PROPERTY_NAME);
        if (setting.isEmpty()) {
            return Regression.RecordPolicy.NEVER;
        }
        return switch (setting.get().value().strip().toLowerCase(Locale.ROOT)) {
            case "never" -> Regression.RecordPolicy.NEVER;
            case "onpass" -> Regression.RecordPolicy.ON_PASS;
            case "always" -> Regression.RecordPolicy.ALWAYS;
            default -> {
                problems.add(
                        "%s must be never, onPass or always, but was [\"%s\"]; for example \"onPass\".",
                        setting.get().named(), setting.get().value());
                yield Regression.RecordPolicy.NEVER;
            }
        };
    }
}
