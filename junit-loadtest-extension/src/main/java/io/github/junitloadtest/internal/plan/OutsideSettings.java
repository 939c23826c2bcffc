package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.internal.format.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings a user gives from outside the code, read by one precedence everywhere: a JVM system
 * property, then an environment variable (for a setting that has one), then a JUnit configuration
 * parameter; an annotation's attribute, where there is one, comes after all of them. A blank value
 * counts as unset.
 */
final class OutsideSettings {

    /** Where results go when no setting says. */
    static final String DEFAULT_REPORT_DIR = "target/loadtest";

    /**
     * A setting that was given.
     *
     * @param source where it came from, for example {@code system property 'loadtest.durationScale'}
     * @param value its value as given
     */
    record Setting(String source, String value) {

        /** The source at the start of a sentence: {@code System property 'loadtest.durationScale'}. */
        String named() {
            return Character.toUpperCase(source.charAt(0)) + source.substring(1);
        }
    }

    private final Settings settings;

    OutsideSettings(Settings settings) {
        this.settings = settings;
    }

    /** A setting given as a system property or a configuration parameter. */
    Optional<Setting> get(String key) {
        return get(key, Optional.empty());
    }

    /**
     * A setting given as a system property, an environment variable or a configuration parameter.
     *
     * @param key the system property's and the configuration parameter's name
     * @param environmentVariable the environment variable's name, if the setting has one
     * @return the first one given, in that order
     */
    Optional<Setting> get(String key, Optional<String> environmentVariable) {
        Optional<String> property = settings.systemProperty(key).filter(OutsideSettings::isSet);
        if (property.isPresent()) {
            return Optional.of(new Setting("system property '" + key + "'", property.get()));
        }
        if (environmentVariable.isPresent()) {
            Optional<String> variable =
                    settings.environmentVariable(environmentVariable.get()).filter(OutsideSettings::isSet);
            if (variable.isPresent()) {
                return Optional.of(new Setting("environment variable " + environmentVariable.get(), variable.get()));
            }
        }
        return settings.configurationParameter(key)
                .filter(OutsideSettings::isSet)
                .map(value -> new Setting("configuration parameter '" + key + "'", value));
    }

    /**
     * The system properties whose names start with a prefix. JUnit's configuration parameters cannot be
     * listed, so a misspelt one under the prefix goes unnoticed.
     */
    java.util.List<String> keysStartingWith(String prefix) {
        return settings.systemPropertyNames().stream()
                .filter(name -> name.startsWith(prefix))
                .sorted()
                .toList();
    }

    /** An environment variable a value refers to, such as {@code ${env:API_TOKEN}}; blank counts as unset. */
    Optional<String> environmentVariable(String name) {
        return settings.environmentVariable(name).filter(OutsideSettings::isSet);
    }

    private static boolean isSet(String value) {
        return !value.isBlank();
    }

    /** A JUnit configuration parameter only, such as JUnit's own timeout settings. */
    Optional<String> junitParameter(String key) {
        return settings.configurationParameter(key);
    }

    /** A true-or-false setting, or its default when it is not given. */
    boolean flag(String key, boolean defaultValue, ConfigurationProblems problems) {
        Optional<Setting> setting = get(key);
        if (setting.isEmpty()) {
            return defaultValue;
        }
        String value = setting.get().value().strip();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.equalsIgnoreCase("true");
        }
        problems.add(
                "%s must be true or false, but was [\"%s\"]; for example %s.",
                setting.get().named(), setting.get().value(), !defaultValue);
        return defaultValue;
    }

    /** The factor applied to every duration but the timeout; 1 when not given. */
    double durationScale(ConfigurationProblems problems) {
        return scale(LoadTest.DURATION_SCALE_PROPERTY_NAME, "0.1", problems);
    }

    /** The factor on every rate, user count and throughput limit; one when not given. */
    double rateScale(ConfigurationProblems problems) {
        return scale(LoadTest.RATE_SCALE_PROPERTY_NAME, "3", problems);
    }

    private double scale(String key, String example, ConfigurationProblems problems) {
        Optional<Setting> setting = get(key);
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
            problems.add(
                    "%s must be a positive, finite number, but was [\"%s\"]; for example %s.",
                    setting.get().named(), setting.get().value(), example);
            return 1.0;
        }
        return scale;
    }

    /**
     * The service's own metrics endpoint, if one is named: an absolute http or https URL. A relative
     * path is taken against the base URL, as a request's would be.
     *
     * @param baseUrl the test's base URL
     * @param problems told when the endpoint is not a URL
     * @return the endpoint and the query metric to read, if one is named
     */
    Optional<LoadPlan.TargetMetrics> targetMetrics(Optional<URI> baseUrl, ConfigurationProblems problems) {
        Optional<Setting> setting = get(LoadTest.TARGET_METRICS_PROPERTY_NAME, Optional.of("LOADTEST_TARGET_METRICS"))
                .or(() -> settings.publishedTargetMetrics()
                        .map(url -> new Setting("the target metrics endpoint published for the test", url)));
        if (setting.isEmpty()) {
            return Optional.empty();
        }
        String value = setting.get().value().strip();
        boolean relative = value.startsWith("/") && baseUrl.isPresent();
        URI uri = httpUrl(relative ? baseUrl.get().toString().replaceAll("/+$", "") + value : value);
        if (uri == null) {
            problems.add(
                    "%s must be the URL of the service's Prometheus or OpenMetrics endpoint, but was [\"%s\"]; for"
                            + " example \"http://localhost:8080/actuator/prometheus\".",
                    setting.get().named(), Redaction.DEFAULT.url(value));
            return Optional.empty();
        }
        Optional<Setting> queryMetric = get(LoadTest.TARGET_METRICS_QUERIES_PROPERTY_NAME);
        String queries = queryMetric.map(Setting::value).map(String::strip).orElse("");
        if (queryMetric.isPresent() && !queries.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            problems.add(
                    "%s must be a metric name, but was [\"%s\"]; for example"
                            + " \"spring_data_repository_invocations_seconds\".",
                    queryMetric.get().named(), queryMetric.get().value());
        }
        return Optional.of(new LoadPlan.TargetMetrics(uri, queries));
    }

    /**
     * Where the run's own figures go while it runs; each needs its Micrometer registry on the class path.
     *
     * @param problems told when a value is not a port or a URL, or its registry is missing
     * @return the destinations, none when not given
     */
    LoadPlan.LiveMetrics liveMetrics(ConfigurationProblems problems) {
        int port = 0;
        Optional<Setting> prometheus = get(LoadTest.METRICS_PROMETHEUS_PORT_PROPERTY_NAME);
        if (prometheus.isPresent()) {
            try {
                port = Integer.parseInt(prometheus.get().value().strip());
            } catch (NumberFormatException notANumber) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                problems.add(
                        "%s must be a port from 1 to 65535 for the Prometheus endpoint on 127.0.0.1, but was [\"%s\"];"
                                + " for example 9464.",
                        prometheus.get().named(), prometheus.get().value());
                port = 0;
            } else {
                requireOnClassPath(
                        prometheus.get(),
                        "io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
                        "micrometer-registry-prometheus",
                        problems);
            }
        }
        Optional<URI> otlp = Optional.empty();
        Optional<Setting> push = get(LoadTest.METRICS_OTLP_URL_PROPERTY_NAME);
        if (push.isPresent()) {
            String value = push.get().value().strip();
            URI uri = httpUrl(value);
            if (uri == null) {
                problems.add(
                        "%s must be the http or https URL OTLP metrics are pushed to, but was [\"%s\"]; for example"
                                + " \"http://localhost:4318/v1/metrics\".",
                        push.get().named(), Redaction.DEFAULT.url(value));
            } else {
                requireOnClassPath(
                        push.get(),
                        "io.micrometer.registry.otlp.OtlpMeterRegistry",
                        "micrometer-registry-otlp",
                        problems);
                otlp = Optional.of(uri);
            }
        }
        return new LoadPlan.LiveMetrics(port, otlp);
    }

    /** An absolute http or https URL with a host, or null when the text is not one. */
    private static @Nullable URI httpUrl(String text) {
        try {
            URI uri = new URI(text);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException notAUrl) {
            return null;
        }
    }

    /** The Micrometer version the live metrics are built and tested with. */
    static final String MICROMETER_VERSION = "1.17.2";

    static void requireOnClassPath(Setting setting, String className, String artifact, ConfigurationProblems problems) {
        try {
            Class.forName(className, false, OutsideSettings.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError missing) {
            problems.add(
                    "%s needs Micrometer's registry on the test class path, which it is not; add"
                            + " io.micrometer:%s:%s to the test dependencies.",
                    setting.named(), artifact, MICROMETER_VERSION);
        }
    }

    /** The timeline's interval: whole seconds from 1 to 60; one second when not given. */
    Duration timelineInterval(ConfigurationProblems problems) {
        Optional<Setting> setting = get(LoadTest.TIMELINE_INTERVAL_PROPERTY_NAME);
        if (setting.isEmpty()) {
            return Duration.ofSeconds(1);
        }
        Optional<Duration> interval = DurationText.parse(setting.get().value())
                .filter(value -> value.toMillis() % 1000 == 0 && value.toSeconds() >= 1 && value.toSeconds() <= 60);
        if (interval.isEmpty()) {
            problems.add(
                    "%s must be whole seconds from 1 to 60, but was [\"%s\"]; for example \"5s\".",
                    setting.get().named(), setting.get().value());
            return Duration.ofSeconds(1);
        }
        return interval.get();
    }

    /**
     * The report folder, made now if missing: a run is never wasted on results that cannot be written.
     *
     * @param problems told when the folder cannot be made or written
     * @return the folder
     */
    Path reportDir(ConfigurationProblems problems) {
        Optional<Setting> setting = get(LoadTest.REPORT_DIR_PROPERTY_NAME);
        Path dir = Path.of(setting.map(Setting::value).orElse(DEFAULT_REPORT_DIR));
        try {
            Files.createDirectories(dir);
            if (Files.isWritable(dir)) {
                return dir;
            }
        } catch (IOException | SecurityException notUsable) {
            // reported below
        }
        problems.add(
                "%s names [\"%s\"], which is not a folder that can be created and written; for example"
                        + " \"target/loadtest\".",
                setting.map(Setting::named).orElse("Default '" + LoadTest.REPORT_DIR_PROPERTY_NAME + "'"), dir);
        return dir;
    }

    /** The report folder and build id, as given; never throws, and falls back to the default folder. */
    SuiteSettings suiteSettings() {
        Path dir;
        try {
            dir = Path.of(
                    get(LoadTest.REPORT_DIR_PROPERTY_NAME).map(Setting::value).orElse(DEFAULT_REPORT_DIR));
        } catch (InvalidPathException notAPath) {
            dir = Path.of(DEFAULT_REPORT_DIR);
        }
        return new SuiteSettings(
                dir, get(LoadTest.BUILD_ID_PROPERTY_NAME).map(Setting::value).map(String::strip));
    }

    /** A base URL another extension published for the running test, and whether it is a stub's. */
    Optional<String> publishedBaseUrl() {
        return settings.publishedBaseUrl();
    }

    boolean publishedBaseUrlIsStub() {
        return settings.publishedBaseUrlIsStub();
    }
}
