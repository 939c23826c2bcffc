package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.ChecksAbove;
import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.MaxBelow;
import io.github.junitloadtest.api.MeanBelow;
import io.github.junitloadtest.api.NeverStatus;
import io.github.junitloadtest.api.P50Below;
import io.github.junitloadtest.api.P90Below;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.P999Below;
import io.github.junitloadtest.api.P99Below;
import io.github.junitloadtest.api.PercentileBelow;
import io.github.junitloadtest.api.RecoversWithin;
import io.github.junitloadtest.api.Stage;
import io.github.junitloadtest.api.SuccessStatus;
import io.github.junitloadtest.api.ThroughputAbove;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.plan.LoadPlan.Model;
import io.github.junitloadtest.internal.plan.LoadPlan.PlanStage;
import io.github.junitloadtest.internal.plan.Threshold.Kind;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Reads a test method's annotations and the outside settings into a {@link LoadPlan}, collecting
 * every problem before reporting them together.
 */
public final class LoadPlanResolver {

    static final int MIN_AUTO_IN_FLIGHT = 16;
    static final int MAX_AUTO_IN_FLIGHT = 1000;
    private static final String DEFAULT_REPORT_DIR = "target/loadtest";

    private final Settings settings;

    public LoadPlanResolver(Settings settings) {
        this.settings = settings;
    }

    /**
     * Whether the method is a load test.
     *
     * @param method a test method
     * @return true when {@code @LoadTest} is present, directly or as a meta-annotation
     */
    public static boolean isLoadTest(Method method) {
        return AnnotationSupport.isAnnotated(method, LoadTest.class);
    }

    /**
     * Resolves the plan of a test method.
     *
     * @param method the test method
     * @return the plan
     * @throws ExtensionConfigurationException listing every problem found
     */
    public LoadPlan resolve(Method method) {
        return resolve(method.getDeclaringClass(), method);
    }

    /**
     * Resolves the plan of a test method as run in a test class, which may inherit it.
     *
     * @param testClass the class the test runs in; names the result files
     * @param method the test method
     * @return the plan
     * @throws ExtensionConfigurationException listing every problem found
     */
    public LoadPlan resolve(Class<?> testClass, Method method) {
        Problems problems = new Problems(describe(method));
        Optional<LoadTest> loadTest = AnnotationSupport.findAnnotation(method, LoadTest.class);
        List<Threshold> thresholds = thresholdsOf(method, problems);
        if (loadTest.isEmpty()) {
            problems.thresholdsWithoutLoadTest(thresholds);
            throw problems.toException();
        }
        LoadTest annotation = loadTest.get();
        Optional<Shape> shape = shapeOf(annotation, problems);
        Optional<Duration> warmup = durationAttribute(annotation.warmup(), "warmup", problems);
        Optional<Duration> timeout = durationAttribute(annotation.timeout(), "timeout", problems);
        timeout.filter(Duration::isZero).ifPresent(zero -> problems.add(
                "@LoadTest on method %s must declare a positive 'timeout', but was [\"%s\"]; for example timeout = \"30s\".",
                problems.where, annotation.timeout()));
        Optional<Duration> thinkTime = durationAttribute(annotation.thinkTime(), "thinkTime", problems);
        Optional<Duration> thinkTimeMax = annotation.thinkTimeMax().isBlank()
                ? thinkTime
                : durationAttribute(annotation.thinkTimeMax(), "thinkTimeMax", problems);
        checkThinkTime(annotation, shape, thinkTime, thinkTimeMax, problems);
        if (shape.isPresent() && warmup.isPresent() && warmup.get().compareTo(shape.get().duration()) >= 0) {
            String length = annotation.stages().length == 0
                    ? "'duration' [\"" + annotation.duration() + "\"]"
                    : "the stages' total [\"" + DurationText.format(shape.get().duration()) + "\"]";
            problems.add("@LoadTest on method %s declares 'warmup' [\"%s\"] that is not shorter than %s;"
                    + " for example warmup = \"5s\" with duration = \"60s\".", problems.where, annotation.warmup(), length);
        }
        if (annotation.maxInFlight() < 0) {
            problems.add("@LoadTest on method %s must declare a 'maxInFlight' of 0 (automatic) or more, but was [%d];"
                    + " for example maxInFlight = 200.", problems.where, annotation.maxInFlight());
        }
        shape.ifPresent(known -> checkThresholdPhases(thresholds, known, problems));
        double scale = durationScale(problems);
        LoadPlan.Rules rules = rulesOf(method, shape, scale, problems);
        shape.filter(known -> known.model() == Model.CLOSED).ifPresent(closed -> {
            if (thresholds.stream().anyMatch(Threshold::abortOnFail) || rules.abortOnNeverStatus()) {
                problems.add("@LoadTest on method %s runs users (a closed model) with a threshold that aborts; abort"
                        + " needs an open model, whose planned arrivals make a failure certain.", problems.where);
            }
        });
        Optional<URI> baseUrl = baseUrl(annotation, problems);
        Path reportDir = reportDir(problems);
        Duration interval = timelineInterval(problems);
        LoadPlan.Safety safety = safety(annotation, problems);
        shape.ifPresent(known -> checkJUnitTimeout(testClass, method, scale(known.duration(), scale), problems));
        problems.throwIfAny();
        Shape load = shape.orElseThrow();
        List<PlanStage> stages = load.stages().stream()
                .map(stage -> new PlanStage(stage.name(), scale(stage.duration(), scale), stage.from(), stage.to()))
                .toList();
        Duration requestTimeout = timeout.orElseThrow();
        double peak = stages.stream().mapToDouble(stage -> Math.max(stage.from(), stage.to())).max().orElse(0);
        int inFlight = load.model() == Model.OPEN
                ? maxInFlight(annotation.maxInFlight(), peak, requestTimeout)
                : (int) Math.max(1, Math.ceil(peak));
        return new LoadPlan(testIdOf(testClass, method), load.model(), stages, scale(warmup.orElseThrow(), scale), requestTimeout,
                inFlight, thinkTime.orElseThrow(), thinkTimeMax.orElseThrow(), scale, baseUrl, baseUrl.isPresent() && targetIsStub(),
                thresholds, rules, interval, reportDir, safety, flag(LoadTest.GENERATOR_WARMUP_PROPERTY_NAME, true, problems));
    }

    private record Shape(Model model, List<PlanStage> stages) {
        Duration duration() {
            return stages.stream().map(PlanStage::duration).reduce(Duration.ZERO, Duration::plus);
        }
    }

    private Optional<Shape> shapeOf(LoadTest annotation, Problems problems) {
        boolean rps = annotation.rps() != -1;
        boolean users = annotation.users() != -1;
        boolean stages = annotation.stages().length > 0;
        int forms = (rps ? 1 : 0) + (users ? 1 : 0) + (stages ? 1 : 0);
        if (forms != 1) {
            problems.add("@LoadTest on method %s must declare one load: 'rps' with 'duration', 'users' with"
                    + " 'duration', or 'stages'%s; for example rps = 16.7, duration = \"60s\".", problems.where,
                    forms == 0 ? "" : ", but declares " + forms);
            return Optional.empty();
        }
        if (stages) {
            return stagesOf(annotation, problems);
        }
        boolean valid = true;
        if (rps && (!(annotation.rps() > 0) || Double.isInfinite(annotation.rps()))) {
            problems.add("@LoadTest on method %s must declare a positive, finite 'rps', but was [%s]; for example rps = 16.7.",
                    problems.where, number(annotation.rps()));
            valid = false;
        }
        if (users && annotation.users() < 1) {
            problems.add("@LoadTest on method %s must declare at least 1 in 'users', but was [%d]; for example users = 50.",
                    problems.where, annotation.users());
            valid = false;
        }
        String form = rps ? "rps" : "users";
        if (annotation.duration().isBlank()) {
            problems.add("@LoadTest on method %s declares '%s' without 'duration'; for example duration = \"60s\".",
                    problems.where, form);
            return Optional.empty();
        }
        Optional<Duration> duration = durationAttribute(annotation.duration(), "duration", problems);
        if (duration.filter(Duration::isZero).isPresent()) {
            problems.add("@LoadTest on method %s must declare a positive 'duration', but was [\"%s\"]; for example"
                    + " duration = \"60s\".", problems.where, annotation.duration());
            return Optional.empty();
        }
        if (!valid || duration.isEmpty()) {
            return Optional.empty();
        }
        double value = rps ? annotation.rps() : annotation.users();
        return Optional.of(new Shape(rps ? Model.OPEN : Model.CLOSED, List.of(PlanStage.hold(duration.get(), value))));
    }

    private Optional<Shape> stagesOf(LoadTest annotation, Problems problems) {
        if (!annotation.duration().isBlank()) {
            problems.add("@LoadTest on method %s declares 'duration' [\"%s\"] with 'stages'; the stages' durations add"
                    + " up to the run's length, so leave 'duration' out.", problems.where, annotation.duration());
        }
        List<PlanStage> stages = new ArrayList<>();
        Model model = null;
        double previous = 0;
        boolean valid = true;
        Stage[] declared = annotation.stages();
        for (int i = 0; i < declared.length; i++) {
            Stage stage = declared[i];
            String where = problems.where + " stage " + (i + 1);
            boolean rps = stage.rps() != -1;
            boolean users = stage.users() != -1;
            if (rps == users) {
                problems.add("@LoadTest on method %s must declare either 'rps' or 'users'; for example"
                        + " @Stage(duration = \"30s\", rps = 10).", where);
                valid = false;
                continue;
            }
            Model stageModel = rps ? Model.OPEN : Model.CLOSED;
            if (model != null && model != stageModel) {
                problems.add("@LoadTest on method %s mixes 'rps' and 'users' stages; a load is either open (rps) or"
                        + " closed (users).", where);
                valid = false;
            }
            model = model == null ? stageModel : model;
            double target = rps ? stage.rps() : stage.users();
            if (!(target >= 0) || Double.isInfinite(target)) {
                problems.add("@LoadTest on method %s must declare a finite '%s' of 0 or more, but was [%s]; for example"
                        + " @Stage(duration = \"30s\", %s = 10).", where, rps ? "rps" : "users", number(target),
                        rps ? "rps" : "users");
                valid = false;
            }
            double from = Double.isNaN(stage.from()) ? previous : stage.from();
            if (!(from >= 0) || Double.isInfinite(from)) {
                problems.add("@LoadTest on method %s must declare a finite 'from' of 0 or more, but was [%s]; for example"
                        + " @Stage(duration = \"60s\", from = 200, rps = 200).", where, number(stage.from()));
                valid = false;
            }
            Optional<Duration> duration = DurationText.parse(stage.duration());
            if (duration.isEmpty()) {
                problems.add("@LoadTest on method %s declares 'duration' [\"%s\"]; expected a duration such as %s.",
                        where, stage.duration(), DurationText.EXAMPLES);
                valid = false;
            }
            if (valid) {
                stages.add(new PlanStage(stage.name(), duration.get(), from, target));
            }
            previous = target;
        }
        if (!valid) {
            return Optional.empty();
        }
        Shape shape = new Shape(model, stages);
        if (shape.duration().isZero()) {
            problems.add("@LoadTest on method %s declares stages that last no time in all; for example"
                    + " @Stage(duration = \"30s\", rps = 10).", problems.where);
            return Optional.empty();
        }
        double volume = stages.stream().mapToDouble(stage -> (stage.from() + stage.to()) / 2 * stage.duration().toNanos()).sum();
        if (volume <= 0) {
            problems.add("@LoadTest on method %s declares stages that never %s; for example @Stage(duration = \"30s\","
                    + " %s = 10).", problems.where, model == Model.OPEN ? "schedule an arrival" : "start a user",
                    model == Model.OPEN ? "rps" : "users");
            return Optional.empty();
        }
        return Optional.of(shape);
    }

    private LoadPlan.Rules rulesOf(Method method, Optional<Shape> shape, double scale, Problems problems) {
        Set<Integer> success = statuses(AnnotationSupport.findAnnotation(method, SuccessStatus.class)
                .map(SuccessStatus::value), "@SuccessStatus", "{200, 404}", problems);
        Optional<NeverStatus> never = AnnotationSupport.findAnnotation(method, NeverStatus.class);
        Set<Integer> forbidden = statuses(never.map(NeverStatus::value), "@NeverStatus", "{500, 503}", problems);
        Set<Integer> both = new java.util.TreeSet<>(success);
        both.retainAll(forbidden);
        if (!both.isEmpty()) {
            problems.add("@SuccessStatus and @NeverStatus on method %s both name %s; a status cannot be both.",
                    problems.where, both);
        }
        // Limit and window follow the duration scale like the stages they measure; the window stays a whole second at least.
        Optional<LoadPlan.Recovery> recovery = AnnotationSupport.findAnnotation(method, RecoversWithin.class)
                .flatMap(declared -> recoveryOf(declared, shape, problems))
                .map(declared -> new LoadPlan.Recovery(scale(declared.limit(), scale), declared.after(),
                        declared.reference(), declared.tolerancePercent(), declared.toleranceMillis(),
                        Duration.ofSeconds(Math.max(1, Math.round(declared.window().toSeconds() * scale)))));
        shape.ifPresent(known -> recovery.ifPresent(declared -> checkRecoveryCanBeSeen(declared, known, scale, problems)));
        return new LoadPlan.Rules(success, forbidden, never.map(NeverStatus::abortOnFail).orElse(false), recovery);
    }

    /** A recovery needs a reference with load and, after its phase, time for at least one full window. */
    private static void checkRecoveryCanBeSeen(LoadPlan.Recovery recovery, Shape shape, double scale,
            Problems problems) {
        long afterEnd = -1;
        long elapsed = 0;
        double referenceVolume = 0;
        for (PlanStage stage : shape.stages()) {
            long length = scale(stage.duration(), scale).toNanos();
            elapsed += length;
            if (stage.name().equals(recovery.after())) {
                afterEnd = elapsed;
            }
            if (stage.name().equals(recovery.reference())) {
                referenceVolume += (stage.from() + stage.to()) * length;
            }
        }
        if (afterEnd >= 0 && elapsed - afterEnd < recovery.window().toNanos()) {
            problems.add("@RecoversWithin on method %s needs stages after phase [\"%s\"] lasting at least its %d s window,"
                    + " but they last %s s; add a cool-down stage, for example @Stage(name = \"cooldown\","
                    + " duration = \"30s\", rps = 10).", problems.where, recovery.after(), recovery.window().toSeconds(),
                    Numbers.format((elapsed - afterEnd) / 1e9, 3));
        }
        if (referenceVolume == 0 && shape.stages().stream().anyMatch(stage -> stage.name().equals(recovery.reference()))) {
            problems.add("@RecoversWithin on method %s takes phase [\"%s\"] as its reference, but that phase has no"
                    + " load, so it has no p95 to return to.", problems.where, recovery.reference());
        }
    }

    private static Set<Integer> statuses(Optional<int[]> declared, String annotation, String example,
            Problems problems) {
        if (declared.isEmpty()) {
            return Set.of();
        }
        Set<Integer> statuses = new java.util.TreeSet<>();
        for (int status : declared.get()) {
            if (status < 100 || status > 599) {
                problems.add("%s on method %s must list HTTP statuses from 100 to 599, but lists [%d]; for example"
                        + " %s(%s).", annotation, problems.where, status, annotation, example);
            }
            statuses.add(status);
        }
        if (statuses.isEmpty()) {
            problems.add("%s on method %s lists no status; for example %s(%s).", annotation, problems.where, annotation,
                    example);
        }
        return statuses;
    }

    private static Optional<LoadPlan.Recovery> recoveryOf(RecoversWithin declared, Optional<Shape> shape,
            Problems problems) {
        Optional<Duration> limit = DurationText.parse(declared.value()).filter(value -> !value.isZero());
        Optional<Duration> window = DurationText.parse(declared.window())
                .filter(value -> !value.isZero() && value.toMillis() % 1000 == 0);
        String example = " for example @RecoversWithin(value = \"5m\", after = \"spike\", reference = \"warmup\").";
        if (limit.isEmpty()) {
            problems.add("@RecoversWithin on method %s declares 'value' [\"%s\"]; expected a positive duration such as"
                    + " \"5m\";" + example, problems.where, declared.value());
        }
        if (window.isEmpty()) {
            problems.add("@RecoversWithin on method %s declares 'window' [\"%s\"]; expected whole seconds such as"
                    + " \"5s\";" + example, problems.where, declared.window());
        }
        for (String attribute : List.of("tolerancePercent", "toleranceMillis")) {
            double value = attribute.equals("tolerancePercent") ? declared.tolerancePercent() : declared.toleranceMillis();
            if (!(value >= 0) || Double.isInfinite(value)) {
                problems.add("@RecoversWithin on method %s must declare a finite '%s' of 0 or more, but was [%s];"
                        + example, problems.where, attribute, number(value));
            }
        }
        List<String> phases = shape.map(known -> known.stages().stream().map(PlanStage::name)
                .filter(name -> !name.isEmpty()).distinct().toList()).orElse(List.of());
        for (String phase : List.of(declared.after(), declared.reference())) {
            if (shape.isPresent() && !phases.contains(phase)) {
                problems.add("@RecoversWithin on method %s names phase [\"%s\"], but the stages name %s;" + example,
                        problems.where, phase, phases.isEmpty() ? "no phase" : phases);
            }
        }
        if (limit.isEmpty() || window.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LoadPlan.Recovery(limit.get(), declared.after(), declared.reference(),
                declared.tolerancePercent(), declared.toleranceMillis(), window.get()));
    }

    private static void checkThinkTime(LoadTest annotation, Optional<Shape> shape, Optional<Duration> thinkTime,
            Optional<Duration> thinkTimeMax, Problems problems) {
        boolean declared = !annotation.thinkTimeMax().isBlank() || thinkTime.filter(time -> !time.isZero()).isPresent();
        if (declared && shape.filter(known -> known.model() == Model.OPEN).isPresent()) {
            problems.add("@LoadTest on method %s declares a think time for an open model; 'thinkTime' applies to users,"
                    + " for example users = 20, thinkTime = \"1s\".", problems.where);
        }
        if (thinkTime.isPresent() && thinkTimeMax.isPresent() && thinkTimeMax.get().compareTo(thinkTime.get()) < 0) {
            problems.add("@LoadTest on method %s declares 'thinkTimeMax' [\"%s\"] below 'thinkTime' [\"%s\"]; for example"
                    + " thinkTime = \"1s\", thinkTimeMax = \"3s\".", problems.where, annotation.thinkTimeMax(),
                    annotation.thinkTime());
        }
    }

    private static void checkThresholdPhases(List<Threshold> thresholds, Shape shape, Problems problems) {
        List<String> phases = shape.stages().stream().map(PlanStage::name).filter(name -> !name.isEmpty())
                .distinct().toList();
        thresholds.stream().filter(threshold -> !threshold.phase().isEmpty())
                .filter(threshold -> !phases.contains(threshold.phase()))
                .forEach(threshold -> problems.add("%s on method %s names phase [\"%s\"], but the stages name %s;"
                        + " name a stage with @Stage(name = \"%s\", ...).", threshold.annotation(), problems.where,
                        threshold.phase(), phases.isEmpty() ? "no phase" : phases, threshold.phase()));
    }

    /** {@code [ClassName.method(ParameterType)]}, as configuration errors name a method. */
    public static String describe(Method method) {
        String parameters = Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        return "[" + method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + parameters + ")]";
    }

    /**
     * {@code Outer.Inner.method} of a method as run in a test class: the class name without its
     * package, nested classes joined with dots, so that subclasses do not share result files.
     */
    public static String testIdOf(Class<?> type, Method method) {
        String packageName = type.getPackageName();
        String className = packageName.isEmpty() ? type.getName() : type.getName().substring(packageName.length() + 1);
        return className.replace('$', '.') + "." + method.getName();
    }

    static int maxInFlight(int declared, double rps, Duration timeout) {
        if (declared > 0) {
            return declared;
        }
        double needed = Math.ceil(rps * timeout.toNanos() / 1e9);
        return (int) Math.max(MIN_AUTO_IN_FLIGHT, Math.min(MAX_AUTO_IN_FLIGHT, needed));
    }

    private static Duration scale(Duration duration, double scale) {
        return Duration.ofNanos(Math.round(duration.toNanos() * scale));
    }

    private static final java.util.regex.Pattern JUNIT_TIMEOUT =
            java.util.regex.Pattern.compile("\\s*(\\d+)\\s*(ns|μs|us|ms|s|m|h|d)?\\s*", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * A JUnit timeout shorter than the load would interrupt it midway: reported before the run instead,
     * from {@code @Timeout} on the method, its class or an enclosing class, or JUnit's default timeouts.
     */
    private void checkJUnitTimeout(Class<?> testClass, Method method, Duration load, Problems problems) {
        if (settings.configurationParameter("junit.jupiter.execution.timeout.mode")
                .filter(mode -> mode.strip().equalsIgnoreCase("disabled")).isPresent()) {
            return;
        }
        Optional<Setting> timeout = AnnotationSupport.findAnnotation(method, Timeout.class)
                .map(declared -> new Setting("@Timeout on the method", millis(declared)));
        for (Class<?> type = testClass; timeout.isEmpty() && type != null; type = type.getEnclosingClass()) {
            timeout = AnnotationSupport.findAnnotation(type, Timeout.class)
                    .map(declared -> new Setting("@Timeout on the class", millis(declared)));
        }
        for (String key : List.of("junit.jupiter.execution.timeout.test.method.default",
                "junit.jupiter.execution.timeout.testable.method.default", "junit.jupiter.execution.timeout.default")) {
            if (timeout.isEmpty()) {
                timeout = settings.configurationParameter(key).flatMap(LoadPlanResolver::junitTimeoutMillis)
                        .map(value -> new Setting("configuration parameter '" + key + "'", value));
            }
        }
        timeout.filter(limit -> Long.parseLong(limit.value()) < load.toMillis()).ifPresent(limit -> problems.add(
                "@LoadTest on method %s runs for %s s, longer than its JUnit timeout of %s s (%s), which would stop it"
                        + " midway; raise the timeout above the load's duration or shorten the load.", problems.where,
                Numbers.format(load.toMillis() / 1000.0, 3), Numbers.format(Long.parseLong(limit.value()) / 1000.0, 3),
                limit.source()));
    }

    private static String millis(Timeout timeout) {
        return Long.toString(timeout.unit().toMillis(timeout.value()));
    }

    /** JUnit's timeout text: a number with an optional unit (seconds when omitted), for example {@code "5 s"}. */
    private static Optional<String> junitTimeoutMillis(String text) {
        java.util.regex.Matcher matcher = JUNIT_TIMEOUT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(java.util.Locale.ROOT);
        java.util.concurrent.TimeUnit timeUnit = switch (unit) {
            case "ns" -> java.util.concurrent.TimeUnit.NANOSECONDS;
            case "μs", "us" -> java.util.concurrent.TimeUnit.MICROSECONDS;
            case "ms" -> java.util.concurrent.TimeUnit.MILLISECONDS;
            case "m" -> java.util.concurrent.TimeUnit.MINUTES;
            case "h" -> java.util.concurrent.TimeUnit.HOURS;
            case "d" -> java.util.concurrent.TimeUnit.DAYS;
            default -> java.util.concurrent.TimeUnit.SECONDS;
        };
        return Optional.of(Long.toString(timeUnit.toMillis(value)));
    }

    private Duration timelineInterval(Problems problems) {
        Optional<Setting> setting = setting(LoadTest.TIMELINE_INTERVAL_PROPERTY_NAME);
        if (setting.isEmpty()) {
            return Duration.ofSeconds(1);
        }
        Optional<Duration> interval = DurationText.parse(setting.get().value())
                .filter(value -> value.toMillis() % 1000 == 0 && value.toSeconds() >= 1 && value.toSeconds() <= 60);
        if (interval.isEmpty()) {
            problems.add("%s '%s' must be whole seconds from 1 to 60, but was [\"%s\"]; for example \"5s\".",
                    setting.get().source(), LoadTest.TIMELINE_INTERVAL_PROPERTY_NAME, setting.get().value());
            return Duration.ofSeconds(1);
        }
        return interval.get();
    }

    private LoadPlan.Safety safety(LoadTest annotation, Problems problems) {
        List<String> hosts = new ArrayList<>();
        for (String host : annotation.allowedHosts()) {
            allowedHost(host, "@LoadTest on method " + problems.where + " attribute", "allowedHosts", problems)
                    .ifPresent(hosts::add);
        }
        setting(LoadTest.ALLOWED_HOSTS_PROPERTY_NAME).ifPresent(list -> {
            for (String host : list.value().split(",")) {
                if (!host.isBlank()) {
                    allowedHost(host, list.source(), LoadTest.ALLOWED_HOSTS_PROPERTY_NAME, problems).ifPresent(hosts::add);
                }
            }
        });
        long maxRequests = annotation.maxRequests();
        if (maxRequests < 0) {
            problems.add("@LoadTest on method %s must declare a 'maxRequests' of 0 (no cap) or more, but was [%d];"
                    + " for example maxRequests = 5000.", problems.where, maxRequests);
            maxRequests = 0;
        }
        Optional<Setting> cap = setting(LoadTest.MAX_REQUESTS_PROPERTY_NAME);
        if (cap.isPresent()) {
            long parsed = -1;
            try {
                parsed = Long.parseLong(cap.get().value().strip());
            } catch (NumberFormatException notANumber) {
                // reported below with the value as given
            }
            if (parsed < 1) {
                problems.add("%s '%s' must be a whole number of at least 1, but was [\"%s\"]; for example 10000.",
                        cap.get().source(), LoadTest.MAX_REQUESTS_PROPERTY_NAME, cap.get().value());
            } else {
                maxRequests = maxRequests == 0 ? parsed : Math.min(maxRequests, parsed);
            }
        }
        int maxBodyBytes = LoadPlan.Safety.DEFAULT_MAX_BODY_BYTES;
        Optional<Setting> bodySize = setting(LoadTest.MAX_BODY_SIZE_PROPERTY_NAME);
        if (bodySize.isPresent()) {
            OptionalInt bytes = byteSize(bodySize.get().value());
            if (bytes.isEmpty()) {
                problems.add("%s '%s' must be a size from 0 bytes to 1024MiB, as bytes or with KiB or MiB, but was"
                        + " [\"%s\"]; for example \"4MiB\".", bodySize.get().source(),
                        LoadTest.MAX_BODY_SIZE_PROPERTY_NAME, bodySize.get().value());
            } else {
                maxBodyBytes = bytes.getAsInt();
            }
        }
        boolean insecure = flag(LoadTest.INSECURE_TLS_PROPERTY_NAME, false, problems);
        Set<String> secretHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        setting(LoadTest.SECRET_HEADERS_PROPERTY_NAME).ifPresent(list -> {
            for (String header : list.value().split(",")) {
                String name = header.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    problems.add("%s '%s' must list header names separated by commas, but has [\"%s\"]; for example"
                            + " \"X-Api-Key,X-Session\".", list.source(), LoadTest.SECRET_HEADERS_PROPERTY_NAME, name);
                } else {
                    secretHeaders.add(name);
                }
            }
        });
        return new LoadPlan.Safety(hosts, maxRequests, maxBodyBytes, insecure, secretHeaders);
    }

    /** A true-or-false setting, or its default when it is not set. */
    private boolean flag(String key, boolean defaultValue, Problems problems) {
        Optional<Setting> setting = setting(key);
        if (setting.isEmpty()) {
            return defaultValue;
        }
        String value = setting.get().value().strip();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.equalsIgnoreCase("true");
        }
        problems.add("%s '%s' must be true or false, but was [\"%s\"]; for example %s.", setting.get().source(), key,
                setting.get().value(), !defaultValue);
        return defaultValue;
    }

    private static Optional<String> allowedHost(String host, String source, String key, Problems problems) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
            // A bare IPv6 address; URIs give their host in brackets.
            name = "[" + name + "]";
        }
        if (name.equals("*") || name.matches("(\\*\\.)?[a-z0-9._-]+|\\[[0-9a-f:.]+\\]")) {
            return Optional.of(name);
        }
        problems.add("%s '%s' must list host names (no scheme, port or path), '*.domain' or '*', but has [\"%s\"];"
                + " for example \"auth.example.com\".", source, key, host);
        return Optional.empty();
    }

    /** Bytes, KiB or MiB, up to 1 GiB. */
    static OptionalInt byteSize(String text) {
        Matcher matcher = Pattern.compile("(\\d{1,10})\\s*(|B|KiB|MiB)")
                .matcher(text.strip());
        if (!matcher.matches()) {
            return OptionalInt.empty();
        }
        long unit = switch (matcher.group(2)) {
            case "KiB" -> 1024;
            case "MiB" -> 1024 * 1024;
            default -> 1;
        };
        long bytes = Long.parseLong(matcher.group(1)) * unit;
        return bytes <= (1 << 30) ? OptionalInt.of((int) bytes) : OptionalInt.empty();
    }

    private Path reportDir(Problems problems) {
        Optional<Setting> setting = setting(LoadTest.REPORT_DIR_PROPERTY_NAME);
        Path dir = Path.of(setting.map(Setting::value).orElse(DEFAULT_REPORT_DIR));
        try {
            // Checked now, so a run is never wasted on results that cannot be written.
            Files.createDirectories(dir);
            if (Files.isWritable(dir)) {
                return dir;
            }
        } catch (IOException | SecurityException notUsable) {
            // reported below
        }
        problems.add("%s '%s' names [\"%s\"], which is not a folder that can be created and written;"
                + " for example \"target/loadtest\".", setting.map(Setting::source).orElse("Default"),
                LoadTest.REPORT_DIR_PROPERTY_NAME, dir);
        return dir;
    }

    private Optional<Duration> durationAttribute(String text, String attribute, Problems problems) {
        Optional<Duration> parsed = DurationText.parse(text);
        if (parsed.isEmpty()) {
            problems.add("@LoadTest on method %s declares '%s' [\"%s\"]; expected a duration such as %s.",
                    problems.where, attribute, text, DurationText.EXAMPLES);
        }
        return parsed;
    }

    private double durationScale(Problems problems) {
        Optional<Setting> setting = setting(LoadTest.DURATION_SCALE_PROPERTY_NAME);
        if (setting.isEmpty()) {
            return 1.0;
        }
        double scale = Double.NaN;
        try {
            scale = Double.parseDouble(setting.get().value().strip());
        } catch (NumberFormatException notANumber) {
            // reported below with the value as given
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            problems.add("%s '%s' must be a positive, finite number, but was [\"%s\"]; for example 0.1.",
                    setting.get().source(), LoadTest.DURATION_SCALE_PROPERTY_NAME, setting.get().value());
            return 1.0;
        }
        return scale;
    }

    /** Whether the base URL comes from a stub's publication, which only the user's own settings come before. */
    private boolean targetIsStub() {
        return BaseUrl.configured(settings).isEmpty()
                && settings.publishedBaseUrl().isPresent() && settings.publishedBaseUrlIsStub();
    }

    /**
     * The report folder and build id, as configured. Never throws: a test that fails on its
     * configuration is on the suite pages too.
     *
     * @return the settings; the default report folder when the configured one is not a path
     */
    public SuiteSettings suiteSettings() {
        Path dir;
        try {
            dir = Path.of(setting(LoadTest.REPORT_DIR_PROPERTY_NAME).map(Setting::value).orElse(DEFAULT_REPORT_DIR));
        } catch (InvalidPathException notAPath) {
            dir = Path.of(DEFAULT_REPORT_DIR);
        }
        return new SuiteSettings(dir, setting(LoadTest.BUILD_ID_PROPERTY_NAME).map(Setting::value).map(String::strip));
    }

    private Optional<URI> baseUrl(LoadTest annotation, Problems problems) {
        Optional<BaseUrl.Named> named = BaseUrl.configured(settings);
        if (named.isEmpty()) {
            named = settings.publishedBaseUrl().map(url -> new BaseUrl.Named("the published base URL", url));
        }
        if (named.isEmpty() && !annotation.baseUrl().isBlank()) {
            named = Optional.of(new BaseUrl.Named("@LoadTest on method " + problems.where + " attribute 'baseUrl'",
                    annotation.baseUrl()));
        }
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> uri = BaseUrl.parse(named.get().value());
        if (uri.isEmpty()) {
            problems.add("%s", named.get().problem());
        }
        return uri;
    }

    /** A setting by its key: the system property, else the configuration parameter; blank counts as unset. */
    private Optional<Setting> setting(String key) {
        Optional<String> property = settings.systemProperty(key).filter(value -> !value.isBlank());
        if (property.isPresent()) {
            return Optional.of(new Setting("System property", property.get()));
        }
        return settings.configurationParameter(key).filter(value -> !value.isBlank())
                .map(value -> new Setting("Configuration parameter", value));
    }

    private static List<Threshold> thresholdsOf(AnnotatedElement method, Problems problems) {
        List<Threshold> thresholds = new ArrayList<>();
        millisThreshold(method, P50Below.class, P50Below::value, 50, problems, thresholds);
        millisThreshold(method, P90Below.class, P90Below::value, 90, problems, thresholds);
        millisThreshold(method, P95Below.class, P95Below::value, 95, problems, thresholds);
        millisThreshold(method, P99Below.class, P99Below::value, 99, problems, thresholds);
        millisThreshold(method, P999Below.class, P999Below::value, 99.9, problems, thresholds);
        for (PercentileBelow declared : AnnotationSupport.findRepeatableAnnotations(method, PercentileBelow.class)) {
            double percentile = declared.percentile();
            boolean valid = true;
            if (!(percentile > 0 && percentile <= 100)) {
                problems.add("@PercentileBelow on method %s must declare a 'percentile' greater than 0 and at most 100,"
                        + " but was [%s]; for example @PercentileBelow(percentile = 99.9, millis = 800).",
                        problems.where, number(percentile));
                valid = false;
            }
            if (!(declared.millis() > 0) || Double.isInfinite(declared.millis())) {
                problems.add("@PercentileBelow on method %s must declare a positive, finite 'millis', but was [%s];"
                        + " for example @PercentileBelow(percentile = 99.9, millis = 800).",
                        problems.where, number(declared.millis()));
                valid = false;
            }
            if (valid) {
                thresholds.add(scoped(declared, Threshold.percentile(percentile, declared.millis(), "@PercentileBelow"),
                        problems));
            }
        }
        limitThreshold(method, MaxBelow.class, MaxBelow::value, Kind.MAX, problems, thresholds);
        limitThreshold(method, MeanBelow.class, MeanBelow::value, Kind.MEAN, problems, thresholds);
        AnnotationSupport.findRepeatableAnnotations(method, ErrorRateBelow.class).forEach(declared -> {
            double limit = declared.value();
            if (limit >= 0 && limit <= 100) {
                thresholds.add(scoped(declared, Threshold.of(Kind.ERROR_RATE, limit, "@ErrorRateBelow"), problems));
            } else {
                problems.add("@ErrorRateBelow on method %s must declare a percentage from 0 to 100, but was [%s];"
                        + " for example @ErrorRateBelow(1.0).", problems.where, number(limit));
            }
        });
        AnnotationSupport.findAnnotation(method, ChecksAbove.class).ifPresent(declared -> {
            double limit = declared.value();
            if (limit >= 0 && limit <= 100) {
                thresholds.add(Threshold.of(Kind.CHECK_RATE, limit, "@ChecksAbove"));
            } else {
                problems.add("@ChecksAbove on method %s must declare a percentage from 0 to 100, but was [%s];"
                        + " for example @ChecksAbove(99).", problems.where, number(limit));
            }
        });
        AnnotationSupport.findRepeatableAnnotations(method, ThroughputAbove.class).forEach(declared -> {
            double limit = declared.value();
            if (limit >= 0 && Double.isFinite(limit)) {
                thresholds.add(scoped(declared, Threshold.of(Kind.THROUGHPUT, limit, "@ThroughputAbove"), problems));
            } else {
                problems.add("@ThroughputAbove on method %s must declare a finite rate of 0 or more requests per second,"
                        + " but was [%s]; for example @ThroughputAbove(15).", problems.where, number(limit));
            }
        });
        return thresholds;
    }

    private static <A extends Annotation> void millisThreshold(AnnotatedElement method, Class<A> type,
            ToDoubleFunction<A> value, double percentile, Problems problems, List<Threshold> thresholds) {
        AnnotationSupport.findRepeatableAnnotations(method, type).forEach(declared -> {
            double limit = value.applyAsDouble(declared);
            if (validMillis(type, limit, problems)) {
                thresholds.add(scoped(declared, Threshold.percentile(percentile, limit, "@" + type.getSimpleName()),
                        problems));
            }
        });
    }

    private static <A extends Annotation> void limitThreshold(AnnotatedElement method, Class<A> type,
            ToDoubleFunction<A> value, Kind kind, Problems problems, List<Threshold> thresholds) {
        AnnotationSupport.findRepeatableAnnotations(method, type).forEach(declared -> {
            double limit = value.applyAsDouble(declared);
            if (validMillis(type, limit, problems)) {
                thresholds.add(scoped(declared, Threshold.of(kind, limit, "@" + type.getSimpleName()), problems));
            }
        });
    }

    /** Reads the optional {@code phase}, {@code perEndpoint} and {@code abortOnFail} attributes of a threshold. */
    private static Threshold scoped(Annotation declared, Threshold threshold, Problems problems) {
        String phase = attribute(declared, "phase", String.class, "");
        boolean perEndpoint = attribute(declared, "perEndpoint", Boolean.class, false);
        boolean abortOnFail = attribute(declared, "abortOnFail", Boolean.class, false);
        if (!phase.isEmpty() && perEndpoint) {
            problems.add("%s on method %s declares both 'phase' and 'perEndpoint'; use one of them, for example"
                    + " %s(value = 500, phase = \"spike\").", threshold.annotation(), problems.where, threshold.annotation());
        }
        if (abortOnFail && (!phase.isEmpty() || perEndpoint)) {
            problems.add("%s on method %s declares 'abortOnFail' with '%s'; abort works on whole-run thresholds, for"
                    + " example %s(value = 500, abortOnFail = true).", threshold.annotation(), problems.where,
                    phase.isEmpty() ? "perEndpoint" : "phase", threshold.annotation());
        }
        return threshold.scoped(phase, perEndpoint, abortOnFail);
    }

    private static <T> T attribute(Annotation annotation, String name, Class<T> type, T fallback) {
        try {
            return type.cast(annotation.annotationType().getMethod(name).invoke(annotation));
        } catch (NoSuchMethodException absent) {
            return fallback;
        } catch (ReflectiveOperationException unreadable) {
            throw new IllegalStateException("cannot read " + name + " of " + annotation, unreadable);
        }
    }

    private static boolean validMillis(Class<? extends Annotation> type, double limit, Problems problems) {
        if (limit > 0 && Double.isFinite(limit)) {
            return true;
        }
        problems.add("@%s on method %s must declare a positive, finite limit in milliseconds, but was [%s];"
                + " for example @%s(500).", type.getSimpleName(), problems.where, number(limit), type.getSimpleName());
        return false;
    }

    private static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return Double.toString(value);
    }

    private record Setting(String source, String value) {}

    private static final class Problems {
        final String where;
        private final List<String> messages = new ArrayList<>();

        Problems(String where) {
            this.where = where;
        }

        void add(String format, Object... arguments) {
            messages.add(String.format(Locale.ROOT, format, arguments));
        }

        void thresholdsWithoutLoadTest(List<Threshold> thresholds) {
            thresholds.stream().map(Threshold::annotation).distinct().forEach(annotation ->
                    add("%s on method %s requires @LoadTest on the same method.", annotation, where));
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
    }
}
