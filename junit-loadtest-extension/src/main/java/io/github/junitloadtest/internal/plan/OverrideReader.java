package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.ShapeReader.Shape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one test's overrides from outside: {@code loadtest.override.<test>.<attribute>}, where the
 * test is its id ({@code OrdersLoadTests.checkout}) and the attribute is {@code rps}, {@code users},
 * {@code duration}, {@code warmup} or a threshold annotation's name ({@code P95Below},
 * {@code ErrorRateBelow}, {@code ThroughputAbove} …), whose whole-run limit it replaces.
 */
final class OverrideReader {

    static final String PREFIX = LoadTest.OVERRIDE_PROPERTY_PREFIX;

    private static final List<String> LOAD_ATTRIBUTES = List.of("rps", "users", "duration", "warmup");

    private static final List<String> THRESHOLDS = List.of(
            "P50Below",
            "P90Below",
            "P95Below",
            "P99Below",
            "P999Below",
            "PercentileBelow",
            "MeanBelow",
            "MaxBelow",
            "ErrorRateBelow",
            "ThroughputAbove",
            "ChecksAbove");

    /**
     * What was overridden, as the start line and the reports say it.
     *
     * @param rps the open model's constant rate
     * @param users the closed model's constant user count
     * @param duration the constant load's duration
     * @param warmup the warm-up
     * @param limits each threshold annotation's new limit, by its name without {@code @}
     * @param said each override in words: {@code rps = 50 (system property 'loadtest.override.X.m.rps')}
     */
    record Overrides(
            Optional<Double> rps,
            Optional<Double> users,
            Optional<String> duration,
            Optional<String> warmup,
            java.util.Map<String, Double> limits,
            List<String> said) {

        static final Overrides NONE = new Overrides(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), java.util.Map.of(), List.of());

        /** The shape with the overridden rate, users or duration; a staged shape is refused when read. */
        Shape applyTo(Shape shape) {
            if ((rps.isEmpty() && users.isEmpty() && duration.isEmpty())
                    || shape.stages().size() != 1) {
                return shape;
            }
            LoadPlan.PlanStage stage = shape.stages().get(0);
            double rate = rps.or(() -> users).orElse(stage.to());
            Duration length = duration.flatMap(DurationText::parse).orElse(stage.duration());
            return new Shape(shape.model(), List.of(new LoadPlan.PlanStage(stage.name(), length, rate, rate)));
        }

        /** The thresholds with their overridden limits. */
        List<Threshold> applyTo(List<Threshold> thresholds) {
            if (limits.isEmpty()) {
                return thresholds;
            }
            return thresholds.stream()
                    .map(threshold -> {
                        Double limit = limits.get(threshold.annotation().substring(1));
                        return limit != null && threshold.phase().isEmpty() && !threshold.perEndpoint()
                                ? threshold.withLimit(limit)
                                : threshold;
                    })
                    .toList();
        }
    }

    private final OutsideSettings outside;

    private OverrideReader(OutsideSettings outside) {
        this.outside = outside;
    }

    static Overrides read(
            String testId,
            LoadTest annotation,
            List<Threshold> thresholds,
            OutsideSettings outside,
            ConfigurationProblems problems) {
        return new OverrideReader(outside).read(testId, annotation, thresholds, problems);
    }

    private Overrides read(
            String testId, LoadTest annotation, List<Threshold> thresholds, ConfigurationProblems problems) {
        String base = PREFIX + testId + ".";
        checkKnown(base, problems);
        List<String> said = new ArrayList<>();
        boolean staged = annotation.stages().length > 0;
        Optional<Double> rps = number(base + "rps", "a positive rate such as 50", said, problems)
                .filter(value -> declares(annotation.rps() != -1, staged, "rps", base, problems));
        Optional<Double> users = number(base + "users", "a whole number of users such as 20", said, problems)
                .filter(value -> declares(annotation.users() != -1, staged, "users", base, problems));
        users.filter(value -> value != Math.rint(value) || value < 1)
                .ifPresent(bad -> problems.add(
                        "%s must be a whole number of users of 1 or more, but was [%s]; for example 20.",
                        source(base + "users"), Numbers.format(bad, 3)));
        rps.filter(value -> !(value > 0))
                .ifPresent(bad -> problems.add(
                        "%s must be a positive rate, but was [%s]; for example 50.",
                        source(base + "rps"), Numbers.format(bad, 3)));
        Optional<String> duration = text(base + "duration", said)
                .filter(value -> declares(!staged, staged, "duration", base, problems))
                .filter(value -> isDuration(base + "duration", value, problems));
        Optional<String> warmup =
                text(base + "warmup", said).filter(value -> isDuration(base + "warmup", value, problems));
        java.util.Map<String, Double> limits = new java.util.LinkedHashMap<>();
        for (String name : THRESHOLDS) {
            Optional<Double> limit = number(base + name, "a limit such as 400", said, problems);
            if (limit.isEmpty()) {
                continue;
            }
            long matching = thresholds.stream()
                    .filter(threshold -> threshold.annotation().equals("@" + name)
                            && threshold.phase().isEmpty()
                            && !threshold.perEndpoint())
                    .count();
            if (matching == 0) {
                problems.add(
                        "%s overrides @%s, which the test does not declare over its whole run; declare it on the"
                                + " method, for example @%s(%s).",
                        source(base + name),
                        name,
                        name,
                        name.equals("PercentileBelow") ? "percentile = 95, millis = 500" : "500");
            } else if (matching > 1) {
                problems.add(
                        "%s overrides @%s, which the test declares %d times over its whole run; it cannot tell which.",
                        source(base + name), name, matching);
            } else if (!(limit.get() >= 0)
                    || ((name.equals("ErrorRateBelow") || name.equals("ChecksAbove")) && limit.get() > 100)) {
                problems.add(
                        "%s must be a limit of 0 or more%s, but was [%s]; for example 400.",
                        source(base + name),
                        name.equals("ErrorRateBelow") || name.equals("ChecksAbove") ? " and at most 100" : "",
                        Numbers.format(limit.get(), 3));
            } else {
                limits.put(name, limit.get());
            }
        }
        if (said.isEmpty()) {
            return Overrides.NONE;
        }
        return new Overrides(rps, users, duration, warmup, limits, said);
    }

    /** Refuses a key under this test's prefix that names no attribute: a misspelt override would change nothing. */
    private void checkKnown(String base, ConfigurationProblems problems) {
        Set<String> known = new TreeSet<>(LOAD_ATTRIBUTES);
        known.addAll(THRESHOLDS);
        for (String key : outside.keysStartingWith(base)) {
            String attribute = key.substring(base.length());
            if (!known.contains(attribute)) {
                problems.add(
                        "%s overrides [\"%s\"], which is no attribute that can be overridden; use one of %s.",
                        source(key), attribute, String.join(", ", known));
            }
        }
    }

    private boolean declares(
            boolean declared, boolean staged, String attribute, String base, ConfigurationProblems problems) {
        if (!declared) {
            problems.add(
                    "%s overrides '%s', which the test does not declare%s; override %s.",
                    source(base + attribute),
                    attribute,
                    staged ? " (its load is staged)" : "",
                    staged ? "its stages in the code" : attribute.equals("rps") ? "'users'" : "'rps'");
        }
        return declared;
    }

    private Optional<Double> number(String key, String example, List<String> said, ConfigurationProblems problems) {
        Optional<OutsideSettings.Setting> setting = outside.get(key);
        if (setting.isEmpty()) {
            return Optional.empty();
        }
        String value = setting.get().value().strip();
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                said.add(key.substring(key.lastIndexOf('.') + 1) + " = " + value + " ("
                        + setting.get().source() + ")");
                return Optional.of(number);
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the value
        }
        problems.add(
                "%s must be a number, but was [\"%s\"]; for example %s.",
                setting.get().named(), value, example);
        return Optional.empty();
    }

    private Optional<String> text(String key, List<String> said) {
        Optional<OutsideSettings.Setting> setting = outside.get(key);
        setting.ifPresent(given -> said.add(
                key.substring(key.lastIndexOf('.') + 1) + " = " + given.value().strip() + " (" + given.source() + ")"));
        return setting.map(given -> given.value().strip());
    }

    private boolean isDuration(String key, String value, ConfigurationProblems problems) {
        Optional<Duration> parsed = DurationText.parse(value);
        if (parsed.isEmpty() || (parsed.get().isZero() && key.endsWith(".duration"))) {
            problems.add(
                    "%s must be a positive duration, but was [\"%s\"]; for example %s.",
                    source(key), value, DurationText.EXAMPLES);
            return false;
        }
        return true;
    }

    private String source(String key) {
        return outside.get(key).map(OutsideSettings.Setting::named).orElse("Setting '" + key + "'");
    }
}
