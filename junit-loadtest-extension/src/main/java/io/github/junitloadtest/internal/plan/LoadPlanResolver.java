package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadTest;
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
import java.lang.reflect.Method;
import java.net.URI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
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
        Problems problems = new Problems(describe(method));
        Optional<LoadTest> loadTest = AnnotationSupport.findAnnotation(method, LoadTest.class);
        List<Threshold> thresholds = thresholdsOf(method, problems);
        if (loadTest.isEmpty()) {
            problems.thresholdsWithoutLoadTest(thresholds);
            throw problems.toException();
        }
        LoadTest annotation = loadTest.get();
        double rps = annotation.rps();
        if (!(rps > 0) || Double.isInfinite(rps)) {
            problems.add("@LoadTest on method %s must declare a positive, finite 'rps', but was [%s]; for example rps = 16.7.",
                    problems.where, number(rps));
        }
        Optional<Duration> duration = durationAttribute(annotation.duration(), "duration", problems);
        Optional<Duration> warmup = durationAttribute(annotation.warmup(), "warmup", problems);
        Optional<Duration> timeout = durationAttribute(annotation.timeout(), "timeout", problems);
        duration.filter(Duration::isZero).ifPresent(zero -> problems.add(
                "@LoadTest on method %s must declare a positive 'duration', but was [\"%s\"]; for example duration = \"60s\".",
                problems.where, annotation.duration()));
        timeout.filter(Duration::isZero).ifPresent(zero -> problems.add(
                "@LoadTest on method %s must declare a positive 'timeout', but was [\"%s\"]; for example timeout = \"30s\".",
                problems.where, annotation.timeout()));
        if (duration.isPresent() && warmup.isPresent() && !duration.get().isZero()
                && warmup.get().compareTo(duration.get()) >= 0) {
            problems.add("@LoadTest on method %s declares 'warmup' [\"%s\"] that is not shorter than 'duration' [\"%s\"];"
                    + " for example warmup = \"5s\" with duration = \"60s\".",
                    problems.where, annotation.warmup(), annotation.duration());
        }
        if (annotation.maxInFlight() < 0) {
            problems.add("@LoadTest on method %s must declare a 'maxInFlight' of 0 (automatic) or more, but was [%d];"
                    + " for example maxInFlight = 200.", problems.where, annotation.maxInFlight());
        }
        double scale = durationScale(problems);
        Optional<URI> baseUrl = baseUrl(annotation, problems);
        Path reportDir = reportDir(problems);
        problems.throwIfAny();
        Duration scaledDuration = scale(duration.orElseThrow(), scale);
        Duration scaledWarmup = scale(warmup.orElseThrow(), scale);
        Duration requestTimeout = timeout.orElseThrow();
        return new LoadPlan(testIdOf(method), rps, scaledDuration, scaledWarmup, requestTimeout,
                maxInFlight(annotation.maxInFlight(), rps, requestTimeout), scale, baseUrl, thresholds, reportDir);
    }

    /** {@code [ClassName.method(ParameterType)]}, as configuration errors name a method. */
    public static String describe(Method method) {
        String parameters = Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        return "[" + method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + parameters + ")]";
    }

    /** {@code Outer.Inner.method}: the class name without its package, nested classes joined with dots. */
    public static String testIdOf(Method method) {
        Class<?> type = method.getDeclaringClass();
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

    private Optional<URI> baseUrl(LoadTest annotation, Problems problems) {
        Optional<Setting> setting = setting(LoadTest.BASE_URL_PROPERTY_NAME, LoadTest.BASE_URL_ENVIRONMENT_VARIABLE);
        if (setting.isEmpty()) {
            setting = settings.publishedBaseUrl().map(url -> new Setting("Published", url));
        }
        if (setting.isEmpty() && !annotation.baseUrl().isBlank()) {
            setting = Optional.of(new Setting("@LoadTest on method " + problems.where + " attribute", annotation.baseUrl()));
        }
        if (setting.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> uri = BaseUrl.parse(setting.get().value());
        if (uri.isEmpty()) {
            problems.add("%s 'baseUrl' must be an absolute http or https URL, but was [\"%s\"]; for example \"http://localhost:8080\".",
                    setting.get().source(), setting.get().value());
        }
        return uri;
    }

    private Optional<Setting> setting(String key) {
        return setting(key, null);
    }

    private Optional<Setting> setting(String key, String environmentVariable) {
        Optional<String> property = settings.systemProperty(key).filter(value -> !value.isBlank());
        if (property.isPresent()) {
            return Optional.of(new Setting("System property", property.get()));
        }
        if (environmentVariable != null) {
            Optional<String> variable = settings.environmentVariable(environmentVariable).filter(value -> !value.isBlank());
            if (variable.isPresent()) {
                return Optional.of(new Setting("Environment variable " + environmentVariable + " for", variable.get()));
            }
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
                thresholds.add(Threshold.percentile(percentile, declared.millis(), "@PercentileBelow"));
            }
        }
        limitThreshold(method, MaxBelow.class, MaxBelow::value, Kind.MAX, problems, thresholds);
        limitThreshold(method, MeanBelow.class, MeanBelow::value, Kind.MEAN, problems, thresholds);
        AnnotationSupport.findAnnotation(method, ErrorRateBelow.class).ifPresent(declared -> {
            double limit = declared.value();
            if (limit >= 0 && limit <= 100) {
                thresholds.add(Threshold.of(Kind.ERROR_RATE, limit, "@ErrorRateBelow"));
            } else {
                problems.add("@ErrorRateBelow on method %s must declare a percentage from 0 to 100, but was [%s];"
                        + " for example @ErrorRateBelow(1.0).", problems.where, number(limit));
            }
        });
        AnnotationSupport.findAnnotation(method, ThroughputAbove.class).ifPresent(declared -> {
            double limit = declared.value();
            if (limit >= 0 && Double.isFinite(limit)) {
                thresholds.add(Threshold.of(Kind.THROUGHPUT, limit, "@ThroughputAbove"));
            } else {
                problems.add("@ThroughputAbove on method %s must declare a finite rate of 0 or more requests per second,"
                        + " but was [%s]; for example @ThroughputAbove(15).", problems.where, number(limit));
            }
        });
        return thresholds;
    }

    private static <A extends Annotation> void millisThreshold(AnnotatedElement method, Class<A> type,
            ToDoubleFunction<A> value, double percentile, Problems problems, List<Threshold> thresholds) {
        AnnotationSupport.findAnnotation(method, type).ifPresent(declared -> {
            double limit = value.applyAsDouble(declared);
            if (validMillis(type, limit, problems)) {
                thresholds.add(Threshold.percentile(percentile, limit, "@" + type.getSimpleName()));
            }
        });
    }

    private static <A extends Annotation> void limitThreshold(AnnotatedElement method, Class<A> type,
            ToDoubleFunction<A> value, Kind kind, Problems problems, List<Threshold> thresholds) {
        AnnotationSupport.findAnnotation(method, type).ifPresent(declared -> {
            double limit = value.applyAsDouble(declared);
            if (validMillis(type, limit, problems)) {
                thresholds.add(Threshold.of(kind, limit, "@" + type.getSimpleName()));
            }
        });
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
