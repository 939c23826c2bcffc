package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.NeverStatus;
import io.github.junitloadtest.api.RecoversWithin;
import io.github.junitloadtest.api.SuccessStatus;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.LoadPlan.PlanStage;
import io.github.junitloadtest.internal.plan.ShapeReader.Shape;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.commons.support.AnnotationSupport;

/** Reads the rules beside the thresholds: statuses that count as success or must never occur, and recovery. */
final class RuleReader {

    private RuleReader() {}

    static LoadPlan.Rules read(Method method, Optional<Shape> shape, double scale, ConfigurationProblems problems) {
        Set<Integer> success = statuses(
                AnnotationSupport.findAnnotation(method, SuccessStatus.class).map(SuccessStatus::value),
                "@SuccessStatus",
                "{200, 404}",
                problems);
        Optional<NeverStatus> never = AnnotationSupport.findAnnotation(method, NeverStatus.class);
        Set<Integer> forbidden = statuses(never.map(NeverStatus::value), "@NeverStatus", "{500, 503}", problems);
        Set<Integer> both = new TreeSet<>(success);
        both.retainAll(forbidden);
        if (!both.isEmpty()) {
            problems.add(
                    "@SuccessStatus and @NeverStatus on method %s both name %s; a status cannot be both.",
                    problems.where, both);
        }
        // Limit and window follow the duration scale like the stages they measure; the window stays a whole second at
        // least.
        Optional<LoadPlan.Recovery> recovery = AnnotationSupport.findAnnotation(method, RecoversWithin.class)
                .flatMap(declared -> recoveryOf(declared, shape, problems))
                .map(declared -> new LoadPlan.Recovery(
                        LoadPlanResolver.scale(declared.limit(), scale),
                        declared.after(),
                        declared.reference(),
                        declared.tolerancePercent(),
                        declared.toleranceMillis(),
                        Duration.ofSeconds(
                                Math.max(1, Math.round(declared.window().toSeconds() * scale)))));
        shape.ifPresent(
                known -> recovery.ifPresent(declared -> checkRecoveryCanBeSeen(declared, known, scale, problems)));
        return new LoadPlan.Rules(
                success, forbidden, never.map(NeverStatus::abortOnFail).orElse(false), recovery);
    }

    /** A recovery needs a reference with load and, after its phase, time for at least one full window. */
    private static void checkRecoveryCanBeSeen(
            LoadPlan.Recovery recovery, Shape shape, double scale, ConfigurationProblems problems) {
        long afterEnd = -1;
        long elapsed = 0;
        double referenceVolume = 0;
        for (PlanStage stage : shape.stages()) {
            long length = LoadPlanResolver.scale(stage.duration(), scale).toNanos();
            elapsed += length;
            if (stage.name().equals(recovery.after())) {
                afterEnd = elapsed;
            }
            if (stage.name().equals(recovery.reference())) {
                referenceVolume += (stage.from() + stage.to()) * length;
            }
        }
        if (afterEnd >= 0 && elapsed - afterEnd < recovery.window().toNanos()) {
            problems.add(
                    "@RecoversWithin on method %s needs stages after phase [\"%s\"] lasting at least its %d s window,"
                            + " but they last %s s; add a cool-down stage, for example @Stage(name = \"cooldown\","
                            + " duration = \"30s\", rps = 10).",
                    problems.where,
                    recovery.after(),
                    recovery.window().toSeconds(),
                    Numbers.format((elapsed - afterEnd) / 1e9, 3));
        }
        if (referenceVolume == 0
                && shape.stages().stream().anyMatch(stage -> stage.name().equals(recovery.reference()))) {
            problems.add(
                    "@RecoversWithin on method %s takes phase [\"%s\"] as its reference, but that phase has no"
                            + " load, so it has no p95 to return to.",
                    problems.where, recovery.reference());
        }
    }

    private static Set<Integer> statuses(
            Optional<int[]> declared, String annotation, String example, ConfigurationProblems problems) {
        if (declared.isEmpty()) {
            return Set.of();
        }
        Set<Integer> statuses = new TreeSet<>();
        for (int status : declared.get()) {
            if (status < 100 || status > 599) {
                problems.add(
                        "%s on method %s must list HTTP statuses from 100 to 599, but lists [%d]; for example"
                                + " %s(%s).",
                        annotation, problems.where, status, annotation, example);
            }
            statuses.add(status);
        }
        if (statuses.isEmpty()) {
            problems.add(
                    "%s on method %s lists no status; for example %s(%s).",
                    annotation, problems.where, annotation, example);
        }
        return statuses;
    }

    private static Optional<LoadPlan.Recovery> recoveryOf(
            RecoversWithin declared, Optional<Shape> shape, ConfigurationProblems problems) {
        Optional<Duration> limit = DurationText.parse(declared.value()).filter(value -> !value.isZero());
        Optional<Duration> window =
                DurationText.parse(declared.window()).filter(value -> !value.isZero() && value.toMillis() % 1000 == 0);
        String example = " for example @RecoversWithin(value = \"5m\", after = \"spike\", reference = \"warmup\").";
        if (limit.isEmpty()) {
            problems.add(
                    "@RecoversWithin on method %s declares 'value' [\"%s\"]; expected a positive duration such as"
                            + " \"5m\";" + example,
                    problems.where,
                    declared.value());
        }
        if (window.isEmpty()) {
            problems.add(
                    "@RecoversWithin on method %s declares 'window' [\"%s\"]; expected whole seconds such as"
                            + " \"5s\";" + example,
                    problems.where,
                    declared.window());
        }
        for (String attribute : List.of("tolerancePercent", "toleranceMillis")) {
            double value =
                    attribute.equals("tolerancePercent") ? declared.tolerancePercent() : declared.toleranceMillis();
            if (!(value >= 0) || Double.isInfinite(value)) {
                problems.add(
                        "@RecoversWithin on method %s must declare a finite '%s' of 0 or more, but was [%s];" + example,
                        problems.where,
                        attribute,
                        ConfigurationProblems.number(value));
            }
        }
        List<String> phases = shape.map(Shape::phases).orElse(List.of());
        for (String phase : List.of(declared.after(), declared.reference())) {
            if (shape.isPresent() && !phases.contains(phase)) {
                problems.add(
                        "@RecoversWithin on method %s names phase [\"%s\"], but the stages name %s;" + example,
                        problems.where,
                        phase,
                        phases.isEmpty() ? "no phase" : phases);
            }
        }
        if (limit.isEmpty() || window.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LoadPlan.Recovery(
                limit.get(),
                declared.after(),
                declared.reference(),
                declared.tolerancePercent(),
                declared.toleranceMillis(),
                window.get()));
    }
}
