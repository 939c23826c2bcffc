package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.CapacityAbove;
import io.github.junitloadtest.api.CapacityTest;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.Stage;
import io.github.junitloadtest.internal.format.Numbers;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Reads {@code @CapacityTest} and {@code @CapacityAbove} into a {@link Capacity}, and gives the
 * capacity test's first step as the {@code @LoadTest} it amounts to, so that its timeout, in-flight
 * cap, base URL and safety settings are read and checked as every load test's are.
 */
final class CapacityReader {

    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private CapacityReader() {}

    /** Whether the method is a capacity test. */
    static boolean isCapacityTest(Method method) {
        return AnnotationSupport.isAnnotated(method, CapacityTest.class);
    }

    /**
     * The search, or empty with the problems added.
     *
     * @param declared the annotation
     * @param method the method, for {@code @CapacityAbove}
     * @param problems where problems go
     * @return the search, when every attribute is valid
     */
    static Optional<Capacity> read(CapacityTest declared, Method method, ConfigurationProblems problems) {
        int before = problems.count();
        String where = "@CapacityTest on method " + problems.where;
        if (!(declared.from() > 0) || Double.isInfinite(declared.from())) {
            problems.add(
                    "%s must declare a positive, finite 'from', but was [%s]; for example from = 10.",
                    where, ConfigurationProblems.number(declared.from()));
        } else if (!(declared.to() > declared.from()) || Double.isInfinite(declared.to())) {
            problems.add(
                    "%s must declare a finite 'to' above 'from' [%s], but was [%s]; for example from = 10, to ="
                            + " 1000.",
                    where, ConfigurationProblems.number(declared.from()), ConfigurationProblems.number(declared.to()));
        }
        Optional<Duration> step = positive(declared.step(), "step", "\"30s\"", where, problems);
        Optional<Duration> settle = duration(declared.settle(), "settle", where, problems);
        if (step.isPresent() && settle.isPresent() && settle.get().compareTo(step.get()) >= 0) {
            problems.add(
                    "%s declares 'settle' [\"%s\"] that is not shorter than 'step' [\"%s\"]; for example step ="
                            + " \"30s\", settle = \"5s\".",
                    where, declared.settle(), declared.step());
        }
        if (!(declared.growth() > 1) || Double.isInfinite(declared.growth())) {
            problems.add(
                    "%s must declare a finite 'growth' above 1, but was [%s]; for example growth = 2.",
                    where, ConfigurationProblems.number(declared.growth()));
        }
        double resolution = resolution(declared.resolution(), where, problems);
        Optional<Duration> maxDuration = positive(declared.maxDuration(), "maxDuration", "\"10m\"", where, problems);
        Optional<Duration> recovery = positive(declared.recovery(), "recovery", "\"10s\"", where, problems);
        if (step.isPresent()
                && settle.isPresent()
                && maxDuration.isPresent()
                && maxDuration.get().compareTo(step.get().plus(settle.get())) < 0) {
            problems.add(
                    "%s declares 'maxDuration' [\"%s\"] shorter than one step with its settle [\"%s\"]; for example"
                            + " maxDuration = \"10m\".",
                    where,
                    declared.maxDuration(),
                    DurationText.format(step.get().plus(settle.get())));
        }
        OptionalDouble above = OptionalDouble.empty();
        Optional<CapacityAbove> gate = AnnotationSupport.findAnnotation(method, CapacityAbove.class);
        if (gate.isPresent()) {
            double limit = gate.get().value();
            if (!Double.isFinite(limit) || limit < 0) {
                problems.add(
                        "@CapacityAbove on method %s must declare a finite limit of 0 or more, but was [%s]; for"
                                + " example @CapacityAbove(50).",
                        problems.where, ConfigurationProblems.number(limit));
            } else if (declared.to() > declared.from() && limit >= declared.to()) {
                problems.add(
                        "@CapacityAbove on method %s requires more than %s req/s, but the search tries no rate above"
                                + " 'to' [%s], so it could never pass; raise 'to' above the limit, for example to = %s.",
                        problems.where,
                        Numbers.format(limit, 3),
                        ConfigurationProblems.number(declared.to()),
                        Numbers.format(Math.max(2 * limit, declared.to()), 3));
            } else {
                above = OptionalDouble.of(limit);
            }
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        // The timeout and the request cap are the shared attributes', read with them and given by resolved().
        return Optional.of(new Capacity(
                declared.from(),
                declared.to(),
                step.orElseThrow(),
                settle.orElseThrow(),
                declared.growth(),
                resolution,
                maxDuration.orElseThrow(),
                recovery.orElseThrow(),
                declared.maxInFlight(),
                above,
                Duration.ofSeconds(1),
                0));
    }

    /** {@code @CapacityAbove} without {@code @CapacityTest}: a mistake, named. */
    static void gateWithoutSearch(Method method, ConfigurationProblems problems) {
        if (AnnotationSupport.isAnnotated(method, CapacityAbove.class)) {
            problems.add(
                    "@CapacityAbove on method %s requires @CapacityTest on the same method; for example"
                            + " @CapacityTest(from = 10, to = 1000).",
                    problems.where);
        }
    }

    private static Optional<Duration> duration(
            String text, String attribute, String where, ConfigurationProblems problems) {
        Optional<Duration> parsed = DurationText.parse(text);
        if (parsed.isEmpty()) {
            problems.add(
                    "%s declares '%s' [\"%s\"]; expected a duration such as %s.",
                    where, attribute, text, DurationText.EXAMPLES);
        }
        return parsed;
    }

    private static Optional<Duration> positive(
            String text, String attribute, String example, String where, ConfigurationProblems problems) {
        Optional<Duration> parsed = duration(text, attribute, where, problems);
        if (parsed.filter(Duration::isZero).isPresent()) {
            problems.add(
                    "%s must declare a positive '%s', but was [\"%s\"]; for example %s = %s.",
                    where, attribute, text, attribute, example);
            return Optional.empty();
        }
        return parsed;
    }

    private static double resolution(String text, String where, ConfigurationProblems problems) {
        Matcher matcher = PERCENT.matcher(text.strip());
        if (matcher.matches() && Double.parseDouble(matcher.group(1)) > 0) {
            return Double.parseDouble(matcher.group(1)) / 100;
        }
        problems.add("%s declares 'resolution' [\"%s\"]; expected a positive percentage such as \"5%%\".", where, text);
        return 0.05;
    }

    /**
     * The first step as the {@code @LoadTest} it amounts to: {@code from} for the settle and the
     * step, the settle as warm-up, and the attributes the two annotations share.
     */
    static LoadTest firstStep(CapacityTest declared) {
        return new LoadTest() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LoadTest.class;
            }

            // Equal to, and hashed as, any @LoadTest of the same attributes, as Annotation's contract asks.
            @Override
            public boolean equals(Object other) {
                return other instanceof LoadTest loadTest
                        && Arrays.stream(LoadTest.class.getDeclaredMethods())
                                .allMatch(attribute ->
                                        Objects.deepEquals(value(attribute, this), value(attribute, loadTest)));
            }

            @Override
            public int hashCode() {
                return Arrays.stream(LoadTest.class.getDeclaredMethods())
                        .mapToInt(attribute -> (127 * attribute.getName().hashCode())
                                ^ (Arrays.deepHashCode(new Object[] {value(attribute, this)}) - 31))
                        .sum();
            }

            @Override
            public String toString() {
                return "@LoadTest(rps = " + rps() + ", duration = \"" + duration() + "\", warmup = \"" + warmup()
                        + "\") of " + declared;
            }

            @Override
            public double rps() {
                return declared.from() > 0 ? declared.from() : 1;
            }

            @Override
            public int users() {
                return -1;
            }

            @Override
            public String duration() {
                Optional<Duration> step = DurationText.parse(declared.step());
                Optional<Duration> settle = DurationText.parse(declared.settle());
                return step.isPresent() && settle.isPresent() && !step.get().isZero()
                        ? DurationText.format(step.get().plus(settle.get()))
                        : "1s";
            }

            @Override
            public Stage[] stages() {
                return new Stage[0];
            }

            @Override
            public String thinkTime() {
                return "0s";
            }

            @Override
            public String thinkTimeMax() {
                return "";
            }

            @Override
            public String warmup() {
                Optional<Duration> step = DurationText.parse(declared.step());
                Optional<Duration> settle = DurationText.parse(declared.settle());
                return step.isPresent() && settle.isPresent() && settle.get().compareTo(step.get()) < 0
                        ? declared.settle()
                        : "0s";
            }

            @Override
            public String timeout() {
                return declared.timeout();
            }

            @Override
            public int maxInFlight() {
                return declared.maxInFlight();
            }

            @Override
            public String baseUrl() {
                return declared.baseUrl();
            }

            @Override
            public String[] allowedHosts() {
                return declared.allowedHosts();
            }

            @Override
            public long maxRequests() {
                return declared.maxRequests();
            }
        };
    }

    private static Object value(Method attribute, LoadTest annotation) {
        try {
            return attribute.invoke(annotation);
        } catch (ReflectiveOperationException unreadable) {
            throw new IllegalStateException("could not read @LoadTest's " + attribute.getName(), unreadable);
        }
    }

    /** The annotations a capacity test cannot take, each a problem. */
    static void checkAlone(Method method, List<Threshold> thresholds, ConfigurationProblems problems) {
        if (AnnotationSupport.isAnnotated(method, LoadTest.class)) {
            problems.add(
                    "Method %s declares both @LoadTest and @CapacityTest; a capacity test runs its own steps of"
                            + " rate, so declare one of them.",
                    problems.where);
        }
        if (thresholds.stream().noneMatch(threshold -> threshold.kind() != Threshold.Kind.THROUGHPUT)) {
            problems.add(
                    "@CapacityTest on method %s declares no SLO to search against; declare the thresholds each step"
                            + " must meet, for example @P95Below(500) @ErrorRateBelow(1).",
                    problems.where);
        }
        thresholds.stream()
                .filter(threshold -> !threshold.phase().isEmpty())
                .findFirst()
                .ifPresent(threshold -> problems.add(
                        "%s on method %s names phase [\"%s\"], but a capacity test's steps have no phases.",
                        threshold.annotation(), problems.where, threshold.phase()));
    }
}
