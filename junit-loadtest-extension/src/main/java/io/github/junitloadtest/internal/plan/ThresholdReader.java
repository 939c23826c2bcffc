package io.github.junitloadtest.internal.plan;

import static io.github.junitloadtest.internal.plan.ConfigurationProblems.number;

import io.github.junitloadtest.api.ChecksAbove;
import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.MaxBelow;
import io.github.junitloadtest.api.MeanBelow;
import io.github.junitloadtest.api.P50Below;
import io.github.junitloadtest.api.P90Below;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.P999Below;
import io.github.junitloadtest.api.P99Below;
import io.github.junitloadtest.api.PercentileBelow;
import io.github.junitloadtest.api.ThroughputAbove;
import io.github.junitloadtest.internal.plan.Threshold.Kind;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Reads a method's threshold annotations into {@link Threshold}s, in a fixed order, by one table:
 * for each annotation type, how its limit becomes a threshold and where its scope attributes are.
 * Every entry is written against the annotation's own methods, so the compiler checks it.
 */
final class ThresholdReader {

    /**
     * Where a threshold applies.
     *
     * @param phase a phase, or empty for the whole measured run
     * @param perEndpoint whether on each endpoint separately
     * @param abortOnFail whether the run stops once the threshold is certain to fail
     */
    record Scope(String phase, boolean perEndpoint, boolean abortOnFail) {
        static final Scope WHOLE_RUN = new Scope("", false, false);
    }

    /**
     * How one threshold annotation reads.
     *
     * @param type the annotation
     * @param repeatable whether a method may carry several
     * @param threshold its threshold, or a problem and empty when its values are not valid
     * @param scope its scope attributes
     */
    private record Entry<A extends Annotation>(
            Class<A> type,
            boolean repeatable,
            BiFunction<A, ConfigurationProblems, Optional<Threshold>> threshold,
            Function<A, Scope> scope) {

        void read(AnnotatedElement method, ConfigurationProblems problems, List<Threshold> thresholds) {
            List<A> declared = repeatable
                    ? AnnotationSupport.findRepeatableAnnotations(method, type)
                    : AnnotationSupport.findAnnotation(method, type).stream().toList();
            for (A annotation : declared) {
                threshold
                        .apply(annotation, problems)
                        .ifPresent(unscoped -> thresholds.add(scoped(unscoped, scope.apply(annotation), problems)));
            }
        }
    }

    private static final List<Entry<?>> TABLE = List.of(
            percentile(
                    P50Below.class,
                    50,
                    P50Below::value,
                    declared -> new Scope(declared.phase(), declared.perEndpoint(), declared.abortOnFail())),
            percentile(
                    P90Below.class,
                    90,
                    P90Below::value,
                    declared -> new Scope(declared.phase(), declared.perEndpoint(), declared.abortOnFail())),
            percentile(
                    P95Below.class,
                    95,
                    P95Below::value,
                    declared -> new Scope(declared.phase(), declared.perEndpoint(), declared.abortOnFail())),
            percentile(
                    P99Below.class,
                    99,
                    P99Below::value,
                    declared -> new Scope(declared.phase(), declared.perEndpoint(), declared.abortOnFail())),
            percentile(
                    P999Below.class,
                    99.9,
                    P999Below::value,
                    declared -> new Scope(declared.phase(), declared.perEndpoint(), declared.abortOnFail())),
            new Entry<>(
                    PercentileBelow.class,
                    true,
                    ThresholdReader::anyPercentile,
                    declared -> new Scope(declared.phase(), declared.perEndpoint(), declared.abortOnFail())),
            latency(
                    MaxBelow.class,
                    Kind.MAX,
                    MaxBelow::value,
                    declared -> new Scope(declared.phase(), declared.perEndpoint(), declared.abortOnFail())),
            latency(
                    MeanBelow.class,
                    Kind.MEAN,
                    MeanBelow::value,
                    declared -> new Scope(declared.phase(), declared.perEndpoint(), false)),
            new Entry<>(
                    ErrorRateBelow.class,
                    true,
                    (declared, problems) -> percentage(
                            declared.value(), Kind.ERROR_RATE, "@ErrorRateBelow", "@ErrorRateBelow(1.0)", problems),
                    declared -> new Scope(declared.phase(), declared.perEndpoint(), declared.abortOnFail())),
            new Entry<>(
                    ChecksAbove.class,
                    false,
                    (declared, problems) ->
                            percentage(declared.value(), Kind.CHECK_RATE, "@ChecksAbove", "@ChecksAbove(99)", problems),
                    declared -> Scope.WHOLE_RUN),
            new Entry<>(
                    ThroughputAbove.class,
                    true,
                    ThresholdReader::throughput,
                    declared -> new Scope(declared.phase(), false, false)));

    private ThresholdReader() {}

    /**
     * Every threshold the method declares, in the table's order.
     *
     * @param method the test method
     * @param problems told about every value that is not valid
     * @return the valid thresholds
     */
    static List<Threshold> read(AnnotatedElement method, ConfigurationProblems problems) {
        List<Threshold> thresholds = new ArrayList<>();
        for (Entry<?> entry : TABLE) {
            entry.read(method, problems, thresholds);
        }
        return thresholds;
    }

    private static <A extends Annotation> Entry<A> percentile(
            Class<A> type, double percentile, ToDoubleFunction<A> limit, Function<A, Scope> scope) {
        return new Entry<>(
                type,
                true,
                (declared, problems) -> millis(type, limit.applyAsDouble(declared), problems)
                        .map(millis -> Threshold.percentile(percentile, millis, "@" + type.getSimpleName())),
                scope);
    }

    private static <A extends Annotation> Entry<A> latency(
            Class<A> type, Kind kind, ToDoubleFunction<A> limit, Function<A, Scope> scope) {
        return new Entry<>(
                type,
                true,
                (declared, problems) -> millis(type, limit.applyAsDouble(declared), problems)
                        .map(millis -> Threshold.of(kind, millis, "@" + type.getSimpleName())),
                scope);
    }

    private static Optional<Double> millis(
            Class<? extends Annotation> type, double limit, ConfigurationProblems problems) {
        if (limit > 0 && Double.isFinite(limit)) {
            return Optional.of(limit);
        }
        problems.add(
                "@%s on method %s must declare a positive, finite limit in milliseconds, but was [%s];"
                        + " for example @%s(500).",
                type.getSimpleName(), problems.where, number(limit), type.getSimpleName());
        return Optional.empty();
    }

    private static Optional<Threshold> anyPercentile(PercentileBelow declared, ConfigurationProblems problems) {
        double percentile = declared.percentile();
        boolean valid = true;
        if (!(percentile > 0 && percentile <= 100)) {
            problems.add(
                    "@PercentileBelow on method %s must declare a 'percentile' greater than 0 and at most 100,"
                            + " but was [%s]; for example @PercentileBelow(percentile = 99.9, millis = 800).",
                    problems.where, number(percentile));
            valid = false;
        }
        if (!(declared.millis() > 0) || Double.isInfinite(declared.millis())) {
            problems.add(
                    "@PercentileBelow on method %s must declare a positive, finite 'millis', but was [%s];"
                            + " for example @PercentileBelow(percentile = 99.9, millis = 800).",
                    problems.where, number(declared.millis()));
            valid = false;
        }
        return valid
                ? Optional.of(Threshold.percentile(percentile, declared.millis(), "@PercentileBelow"))
                : Optional.empty();
    }

    private static Optional<Threshold> percentage(
            double limit, Kind kind, String annotation, String example, ConfigurationProblems problems) {
        if (limit >= 0 && limit <= 100) {
            return Optional.of(Threshold.of(kind, limit, annotation));
        }
        problems.add(
                "%s on method %s must declare a percentage from 0 to 100, but was [%s]; for example %s.",
                annotation, problems.where, number(limit), example);
        return Optional.empty();
    }

    private static Optional<Threshold> throughput(ThroughputAbove declared, ConfigurationProblems problems) {
        double limit = declared.value();
        if (limit >= 0 && Double.isFinite(limit)) {
            return Optional.of(Threshold.of(Kind.THROUGHPUT, limit, "@ThroughputAbove"));
        }
        problems.add(
                "@ThroughputAbove on method %s must declare a finite rate of 0 or more requests per second,"
                        + " but was [%s]; for example @ThroughputAbove(15).",
                problems.where, number(limit));
        return Optional.empty();
    }

    /** The threshold with its scope, when the scope's attributes go together. */
    private static Threshold scoped(Threshold threshold, Scope scope, ConfigurationProblems problems) {
        if (!scope.phase().isEmpty() && scope.perEndpoint()) {
            problems.add(
                    "%s on method %s declares both 'phase' and 'perEndpoint'; use one of them, for example"
                            + " %s(value = 500, phase = \"spike\").",
                    threshold.annotation(), problems.where, threshold.annotation());
        }
        if (scope.abortOnFail() && (!scope.phase().isEmpty() || scope.perEndpoint())) {
            problems.add(
                    "%s on method %s declares 'abortOnFail' with '%s'; abort works on whole-run thresholds, for"
                            + " example %s(value = 500, abortOnFail = true).",
                    threshold.annotation(),
                    problems.where,
                    scope.phase().isEmpty() ? "perEndpoint" : "phase",
                    threshold.annotation());
        }
        return threshold.scoped(scope.phase(), scope.perEndpoint(), scope.abortOnFail());
    }
}
