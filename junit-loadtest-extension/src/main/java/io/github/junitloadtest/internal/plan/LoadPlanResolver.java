package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.CapacityTest;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.NoRegression;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.LoadPlan.Model;
import io.github.junitloadtest.internal.plan.LoadPlan.PlanStage;
import io.github.junitloadtest.internal.plan.ShapeReader.Shape;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Reads a test method's annotations and the outside settings into a {@link LoadPlan}, collecting
 * every problem before reporting them together. Each part has its reader: the load's shape
 * ({@link ShapeReader}), the thresholds ({@link ThresholdReader}), the rules ({@link RuleReader}),
 * the safety settings ({@link SafetyReader}), the role among several generators
 * ({@link RoleReader}), the outside settings ({@link OutsideSettings}, with
 * {@link BaseUrl}) and JUnit's timeout ({@link JUnitTimeout}); this class checks how they fit together.
 */
public final class LoadPlanResolver {

    static final int MIN_AUTO_IN_FLIGHT = 16;
    static final int MAX_AUTO_IN_FLIGHT = 1000;

    private final OutsideSettings outside;

    public LoadPlanResolver(Settings settings) {
        this.outside = new OutsideSettings(settings);
    }

    /**
     * Whether the method is a load test.
     *
     * @param method a test method
     * @return true when {@code @LoadTest} or {@code @CapacityTest} is present, directly or as a meta-annotation
     */
    public static boolean isLoadTest(Method method) {
        return AnnotationSupport.isAnnotated(method, LoadTest.class) || CapacityReader.isCapacityTest(method);
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
        ConfigurationProblems problems = new ConfigurationProblems(describe(method));
        Optional<LoadTest> loadTest = AnnotationSupport.findAnnotation(method, LoadTest.class);
        Optional<CapacityTest> capacityTest = AnnotationSupport.findAnnotation(method, CapacityTest.class);
        List<Threshold> declaredThresholds = ThresholdReader.read(method, problems);
        Optional<Capacity> declaredCapacity = Optional.empty();
        if (capacityTest.isPresent()) {
            problems.reportingAs("@CapacityTest");
            CapacityReader.checkAlone(method, declaredThresholds, problems);
            declaredCapacity = CapacityReader.read(capacityTest.get(), method, problems);
            if (!AnnotationSupport.findRepeatableAnnotations(method, NoRegression.class)
                    .isEmpty()) {
                problems.add(
                        "@NoRegression on method %s is not supported on a @CapacityTest; gate on the capacity"
                                + " found with @CapacityAbove.",
                        problems.where);
            }
        } else {
            CapacityReader.gateWithoutSearch(method, problems);
        }
        if (loadTest.isEmpty() && capacityTest.isEmpty()) {
            if (!AnnotationSupport.findRepeatableAnnotations(method, NoRegression.class)
                    .isEmpty()) {
                problems.add("@NoRegression on method %s requires @LoadTest on the same method.", problems.where);
            }
            problems.thresholdsWithoutLoadTest(declaredThresholds);
            throw problems.toException();
        }
        // A capacity test's first step is read as the @LoadTest it amounts to, with that annotation's checks.
        LoadTest annotation = loadTest.orElseGet(() -> CapacityReader.firstStep(capacityTest.orElseThrow()));
        // A capacity search is steered by its own range; its first step takes no override.
        OverrideReader.Overrides overrides = capacityTest.isPresent()
                ? OverrideReader.Overrides.NONE
                : OverrideReader.read(testIdOf(testClass, method), annotation, declaredThresholds, outside, problems);
        List<Threshold> thresholds = overrides.applyTo(declaredThresholds);
        Optional<Shape> shape = ShapeReader.read(annotation, problems).map(overrides::applyTo);
        Optional<Duration> warmup =
                problems.durationAttribute(overrides.warmup().orElse(annotation.warmup()), "warmup");
        Optional<Duration> timeout = problems.durationAttribute(annotation.timeout(), "timeout");
        timeout.filter(Duration::isZero)
                .ifPresent(zero -> problems.add(
                        "@LoadTest on method %s must declare a positive 'timeout', but was [\"%s\"]; for example timeout = \"30s\".",
                        problems.where, annotation.timeout()));
        Optional<Duration> thinkTime = problems.durationAttribute(annotation.thinkTime(), "thinkTime");
        Optional<Duration> thinkTimeMax = annotation.thinkTimeMax().isBlank()
                ? thinkTime
                : problems.durationAttribute(annotation.thinkTimeMax(), "thinkTimeMax");
        ShapeReader.checkThinkTime(annotation, shape, thinkTime, thinkTimeMax, problems);
        checkWarmupIsShorter(annotation, shape, warmup, problems);
        if (annotation.maxInFlight() < 0) {
            problems.add(
                    "@LoadTest on method %s must declare a 'maxInFlight' of 0 (automatic) or more, but was [%d];"
                            + " for example maxInFlight = 200.",
                    problems.where, annotation.maxInFlight());
        }
        shape.ifPresent(known -> checkThresholdPhases(thresholds, known, problems));
        double scale = outside.durationScale(problems);
        // A capacity search's rates are the range it searches, which the rate scale leaves alone.
        double rateScale = capacityTest.isPresent() ? 1.0 : outside.rateScale(problems);
        LoadPlan.Rules rules = RuleReader.read(method, shape, scale, problems);
        shape.filter(known -> known.model() == Model.CLOSED).ifPresent(closed -> {
            if (thresholds.stream().anyMatch(Threshold::abortOnFail) || rules.abortOnNeverStatus()) {
                problems.add(
                        "@LoadTest on method %s runs users (a closed model) with a threshold that aborts; abort"
                                + " needs an open model, whose planned arrivals make a failure certain.",
                        problems.where);
            }
        });
        Optional<URI> baseUrl = BaseUrl.of(outside, annotation.baseUrl(), problems);
        boolean stub = baseUrl.isPresent() && BaseUrl.isStub(outside);
        LoadPlan.Role role = RoleReader.read(outside, baseUrl.isPresent() && !stub, problems);
        if (capacityTest.isPresent() && !(role instanceof LoadPlan.Whole)) {
            problems.add(
                    "@CapacityTest on method %s runs on one load generator; it cannot be a shard or a merge of"
                            + " shards (%s).",
                    problems.where,
                    role instanceof LoadPlan.Shard ? LoadTest.SHARD_PROPERTY_NAME : LoadTest.MERGE_FROM_PROPERTY_NAME);
        }
        Path reportDir = outside.reportDir(problems);
        Duration interval = outside.timelineInterval(problems);
        List<LoadPlan.Header> headers = HeaderReader.read(testClass, method, outside, problems);
        List<LoadPlan.FeedSource> feeds = FeedReader.read(testClass, method, problems);
        LoadPlan.Safety safety =
                SafetyReader.read(annotation, outside, problems).withSecretHeaders(HeaderReader.secretNames(headers));
        boolean generatorWarmup = outside.flag(LoadTest.GENERATOR_WARMUP_PROPERTY_NAME, true, problems);
        Optional<LoadPlan.TargetMetrics> targetMetrics = outside.targetMetrics(baseUrl, problems);
        LoadPlan.LiveMetrics liveMetrics = outside.liveMetrics(problems);
        Regression.Gate regressions = RegressionReader.read(method, testIdOf(testClass, method), outside, problems);
        // A shard waits for the shared start inside the test method, which a JUnit timeout counts too.
        Duration wait =
                role instanceof LoadPlan.Shard shard ? Duration.between(Instant.now(), shard.startAt()) : Duration.ZERO;
        Duration waiting = wait.isNegative() ? Duration.ZERO : wait;
        // A regression measured again (confirmRuns) runs the whole load once more within the same test.
        int runs = 1 + (regressions.enabled() && role instanceof LoadPlan.Whole ? regressions.confirmRuns() : 0);
        Optional<Capacity> capacity = declaredCapacity
                .filter(search -> timeout.isPresent())
                .map(search -> search.resolved(scale, timeout.get(), safety.maxRequests()));
        // A capacity search lasts up to its time limit, and its last step may drain for a timeout after it.
        Optional<Duration> lasting = capacity.isPresent()
                ? Optional.of(capacity.get().maxDuration().plus(timeout.orElse(Duration.ZERO)))
                : shape.map(known -> scale(known.duration(), scale));
        lasting.ifPresent(length -> JUnitTimeout.check(testClass, method, length, runs, waiting, outside, problems));
        shape.ifPresent(known -> checkPeak(known, rateScale, problems));
        problems.throwIfAny();
        Shape load = shape.orElseThrow();
        boolean open = load.model() == Model.OPEN;
        List<PlanStage> stages = load.stages().stream()
                .map(stage -> new PlanStage(
                        stage.name(),
                        scale(stage.duration(), scale),
                        rate(stage.from(), rateScale, open),
                        rate(stage.to(), rateScale, open)))
                .toList();
        // A throughput limit is a rate too: it scales with the load it is a share of.
        List<Threshold> scaledThresholds = thresholds.stream()
                .map(threshold -> threshold.kind() == Threshold.Kind.THROUGHPUT && rateScale != 1
                        ? threshold.withLimit(threshold.limit() * rateScale)
                        : threshold)
                .toList();
        Duration requestTimeout = timeout.orElseThrow();
        double peak = stages.stream()
                .mapToDouble(stage -> Math.max(stage.from(), stage.to()))
                .max()
                .orElse(0);
        int inFlight = load.model() == Model.OPEN
                ? maxInFlight(annotation.maxInFlight(), peak, requestTimeout)
                : (int) Math.max(1, Math.ceil(peak));
        return new LoadPlan(
                testIdOf(testClass, method),
                load.model(),
                stages,
                scale(warmup.orElseThrow(), scale),
                requestTimeout,
                inFlight,
                thinkTime.orElseThrow(),
                thinkTimeMax.orElseThrow(),
                scale,
                rateScale,
                baseUrl,
                stub,
                scaledThresholds,
                rules,
                interval,
                reportDir,
                safety,
                generatorWarmup,
                role,
                regressions,
                capacity,
                headers,
                overrides.said(),
                feeds,
                targetMetrics,
                liveMetrics);
    }

    /** The highest rate one generator's schedule is built for: one arrival a microsecond. */
    static final double MAX_RPS = 1_000_000;

    /** The most users one generator runs, each on a thread of its own. */
    static final double MAX_USERS = 100_000;

    /** Refuses a load no single generator could schedule, whose arrivals would not even fit a count. */
    private static void checkPeak(Shape shape, double rateScale, ConfigurationProblems problems) {
        double declared = shape.stages().stream()
                .mapToDouble(stage -> Math.max(stage.from(), stage.to()))
                .max()
                .orElse(0);
        double peak = declared * rateScale;
        boolean open = shape.model() == Model.OPEN;
        double most = open ? MAX_RPS : MAX_USERS;
        if (peak > most) {
            String unit = open ? "req/s" : "users";
            problems.add(
                    "@LoadTest on method %s peaks at %s %s%s, more than the %s %s one load generator can %s; spread"
                            + " such a load over shards (%s), for example %s.",
                    problems.where,
                    peak < 1e15 ? Numbers.format(peak, 3) : Double.toString(peak),
                    unit,
                    rateScale == 1 ? "" : " (rate scale " + Numbers.format(rateScale, 4) + ")",
                    Numbers.format(most, 0),
                    unit,
                    open ? "schedule" : "run",
                    LoadTest.SHARD_PROPERTY_NAME,
                    open ? "rps = 2000" : "users = 500");
        }
    }

    private static void checkWarmupIsShorter(
            LoadTest annotation, Optional<Shape> shape, Optional<Duration> warmup, ConfigurationProblems problems) {
        if (shape.isPresent()
                && warmup.isPresent()
                && warmup.get().compareTo(shape.get().duration()) >= 0) {
            String length = annotation.stages().length == 0
                    ? "'duration' [\"" + annotation.duration() + "\"]"
                    : "the stages' total [\"" + DurationText.format(shape.get().duration()) + "\"]";
            problems.add(
                    "@LoadTest on method %s declares 'warmup' [\"%s\"] that is not shorter than %s;"
                            + " for example warmup = \"5s\" with duration = \"60s\".",
                    problems.where, annotation.warmup(), length);
        }
    }

    private static void checkThresholdPhases(List<Threshold> thresholds, Shape shape, ConfigurationProblems problems) {
        List<String> phases = shape.phases();
        thresholds.stream()
                .filter(threshold -> !threshold.phase().isEmpty())
                .filter(threshold -> !phases.contains(threshold.phase()))
                .forEach(threshold -> problems.add(
                        "%s on method %s names phase [\"%s\"], but the stages name %s;"
                                + " name a stage with @Stage(name = \"%s\", ...).",
                        threshold.annotation(),
                        problems.where,
                        threshold.phase(),
                        phases.isEmpty() ? "no phase" : phases,
                        threshold.phase()));
    }

    /**
     * The report folder and build id, as configured. Never throws: a test that fails on its
     * configuration is on the suite pages too.
     *
     * @return the settings; the default report folder when the configured one is not a path
     */
    public SuiteSettings suiteSettings() {
        return outside.suiteSettings();
    }

    /** {@code [ClassName.method(ParameterType)]}, as configuration errors name a method. */
    public static String describe(Method method) {
        String parameters = Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        return "[" + method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + parameters + ")]";
    }

    /**
     * {@code Outer.Inner.method} of a method as run in a test class: the class name without its
     * package, nested classes joined with dots, so that subclasses do not share result files.
     */
    public static String testIdOf(Class<?> type, Method method) {
        String packageName = type.getPackageName();
        String className =
                packageName.isEmpty() ? type.getName() : type.getName().substring(packageName.length() + 1);
        return className.replace('$', '.') + "." + method.getName();
    }

    static int maxInFlight(int declared, double rps, Duration timeout) {
        if (declared > 0) {
            return declared;
        }
        double needed = Math.ceil(rps * timeout.toNanos() / 1e9);
        return (int) Math.max(MIN_AUTO_IN_FLIGHT, Math.min(MAX_AUTO_IN_FLIGHT, needed));
    }

    /** A rate times the rate scale; a number of users times it, rounded up, so that no load drops to zero users. */
    static double rate(double value, double rateScale, boolean open) {
        return open ? value * rateScale : Math.ceil(value * rateScale - 1e-9);
    }

    static Duration scale(Duration duration, double scale) {
        return Duration.ofNanos(Math.round(duration.toNanos() * scale));
    }
}
