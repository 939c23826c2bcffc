package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.Stage;
import io.github.junitloadtest.internal.plan.LoadPlan.Model;
import io.github.junitloadtest.internal.plan.LoadPlan.PlanStage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads a load's shape: a constant rate or number of users for a duration, or stages of either. */
final class ShapeReader {

    /**
     * A load as declared, before the duration scale.
     *
     * @param model open (a rate) or closed (users)
     * @param stages the load over time; a constant load is one holding stage
     */
    record Shape(Model model, List<PlanStage> stages) {

        Duration duration() {
            return stages.stream().map(PlanStage::duration).reduce(Duration.ZERO, Duration::plus);
        }

        /** The phases the stages name, in order, each once. */
        List<String> phases() {
            return stages.stream()
                    .map(PlanStage::name)
                    .filter(name -> !name.isEmpty())
                    .distinct()
                    .toList();
        }
    }

    private ShapeReader() {}

    static Optional<Shape> read(LoadTest annotation, ConfigurationProblems problems) {
        boolean rps = annotation.rps() != -1;
        boolean users = annotation.users() != -1;
        boolean stages = annotation.stages().length > 0;
        int forms = (rps ? 1 : 0) + (users ? 1 : 0) + (stages ? 1 : 0);
        if (forms != 1) {
            problems.add(
                    "@LoadTest on method %s must declare one load: 'rps' with 'duration', 'users' with"
                            + " 'duration', or 'stages'%s; for example rps = 16.7, duration = \"60s\".",
                    problems.where, forms == 0 ? "" : ", but declares " + forms);
            return Optional.empty();
        }
        if (stages) {
            return stagesOf(annotation, problems);
        }
        boolean valid = true;
        if (rps && (!(annotation.rps() > 0) || Double.isInfinite(annotation.rps()))) {
            problems.add(
                    "@LoadTest on method %s must declare a positive, finite 'rps', but was [%s]; for example rps = 16.7.",
                    problems.where, ConfigurationProblems.number(annotation.rps()));
            valid = false;
        }
        if (users && annotation.users() < 1) {
            problems.add(
                    "@LoadTest on method %s must declare at least 1 in 'users', but was [%d]; for example users = 50.",
                    problems.where, annotation.users());
            valid = false;
        }
        String form = rps ? "rps" : "users";
        if (annotation.duration().isBlank()) {
            problems.add(
                    "@LoadTest on method %s declares '%s' without 'duration'; for example duration = \"60s\".",
                    problems.where, form);
            return Optional.empty();
        }
        Optional<Duration> duration = problems.durationAttribute(annotation.duration(), "duration");
        if (duration.filter(Duration::isZero).isPresent()) {
            problems.add(
                    "@LoadTest on method %s must declare a positive 'duration', but was [\"%s\"]; for example"
                            + " duration = \"60s\".",
                    problems.where, annotation.duration());
            return Optional.empty();
        }
        if (!valid || duration.isEmpty()) {
            return Optional.empty();
        }
        double value = rps ? annotation.rps() : annotation.users();
        return Optional.of(new Shape(rps ? Model.OPEN : Model.CLOSED, List.of(PlanStage.hold(duration.get(), value))));
    }

    private static Optional<Shape> stagesOf(LoadTest annotation, ConfigurationProblems problems) {
        if (!annotation.duration().isBlank()) {
            problems.add(
                    "@LoadTest on method %s declares 'duration' [\"%s\"] with 'stages'; the stages' durations add"
                            + " up to the run's length, so leave 'duration' out.",
                    problems.where, annotation.duration());
        }
        List<PlanStage> stages = new ArrayList<>();
        @Nullable Model model = null;
        double previous = 0;
        boolean valid = true;
        Stage[] declared = annotation.stages();
        for (int i = 0; i < declared.length; i++) {
            Stage stage = declared[i];
            String where = problems.where + " stage " + (i + 1);
            boolean rps = stage.rps() != -1;
            boolean users = stage.users() != -1;
            if (rps == users) {
                problems.add(
                        "@LoadTest on method %s must declare either 'rps' or 'users'; for example"
                                + " @Stage(duration = \"30s\", rps = 10).",
                        where);
                valid = false;
                continue;
            }
            Model stageModel = rps ? Model.OPEN : Model.CLOSED;
            if (model != null && model != stageModel) {
                problems.add(
                        "@LoadTest on method %s mixes 'rps' and 'users' stages; a load is either open (rps) or"
                                + " closed (users).",
                        where);
                valid = false;
            }
            model = model == null ? stageModel : model;
            double target = rps ? stage.rps() : stage.users();
            if (!(target >= 0) || Double.isInfinite(target)) {
                problems.add(
                        "@LoadTest on method %s must declare a finite '%s' of 0 or more, but was [%s]; for example"
                                + " @Stage(duration = \"30s\", %s = 10).",
                        where, rps ? "rps" : "users", ConfigurationProblems.number(target), rps ? "rps" : "users");
                valid = false;
            }
            // A stage that leaves 'from' out starts where the one before ended; only a declared one is checked, so a
            // bad target is reported once, at its own stage.
            double from = Double.isNaN(stage.from()) ? previous : stage.from();
            if (!Double.isNaN(stage.from()) && (stage.from() < 0 || Double.isInfinite(stage.from()))) {
                problems.add(
                        "@LoadTest on method %s must declare a finite 'from' of 0 or more, but was [%s]; for example"
                                + " @Stage(duration = \"60s\", from = 200, rps = 200).",
                        where, ConfigurationProblems.number(stage.from()));
                valid = false;
            }
            Optional<Duration> duration = DurationText.parse(stage.duration());
            if (duration.isEmpty()) {
                problems.add(
                        "@LoadTest on method %s declares 'duration' [\"%s\"]; expected a duration such as %s.",
                        where, stage.duration(), DurationText.EXAMPLES);
                valid = false;
            }
            if (valid) {
                stages.add(new PlanStage(stage.name(), duration.get(), from, target));
            }
            previous = target;
        }
        if (!valid || model == null) {
            return Optional.empty();
        }
        Shape shape = new Shape(model, stages);
        if (shape.duration().isZero()) {
            problems.add(
                    "@LoadTest on method %s declares stages that last no time in all; for example"
                            + " @Stage(duration = \"30s\", rps = 10).",
                    problems.where);
            return Optional.empty();
        }
        double volume = stages.stream()
                .mapToDouble(stage ->
                        (stage.from() + stage.to()) / 2 * stage.duration().toNanos())
                .sum();
        if (volume <= 0) {
            problems.add(
                    "@LoadTest on method %s declares stages that never %s; for example @Stage(duration = \"30s\","
                            + " %s = 10).",
                    problems.where,
                    model == Model.OPEN ? "schedule an arrival" : "start a user",
                    model == Model.OPEN ? "rps" : "users");
            return Optional.empty();
        }
        return Optional.of(shape);
    }

    static void checkThinkTime(
            LoadTest annotation,
            Optional<Shape> shape,
            Optional<Duration> thinkTime,
            Optional<Duration> thinkTimeMax,
            ConfigurationProblems problems) {
        boolean declared = !annotation.thinkTimeMax().isBlank()
                || thinkTime.filter(time -> !time.isZero()).isPresent();
        if (declared && shape.filter(known -> known.model() == Model.OPEN).isPresent()) {
            problems.add(
                    "@LoadTest on method %s declares a think time for an open model; 'thinkTime' applies to users,"
                            + " for example users = 20, thinkTime = \"1s\".",
                    problems.where);
        }
        if (thinkTime.isPresent()
                && thinkTimeMax.isPresent()
                && thinkTimeMax.get().compareTo(thinkTime.get()) < 0) {
            problems.add(
                    "@LoadTest on method %s declares 'thinkTimeMax' [\"%s\"] below 'thinkTime' [\"%s\"]; for example"
                            + " thinkTime = \"1s\", thinkTimeMax = \"3s\".",
                    problems.where, annotation.thinkTimeMax(), annotation.thinkTime());
        }
    }
}
