package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadTestTarget;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Where a run's outside settings come from; the extension reads the JVM and JUnit, tests pass their own. */
public interface Settings {

    /**
     * The settings of a running test: this JVM's system properties and environment, JUnit's
     * configuration parameters, and a base URL another extension published with {@link LoadTestTarget}.
     *
     * @param context the test's extension context
     * @return the settings
     */
    static Settings of(ExtensionContext context) {
        Optional<LoadTestTarget.Published> published = LoadTestTarget.published(context);
        Optional<String> publishedBaseUrl = published.map(LoadTestTarget.Published::baseUrl);
        boolean publishedStub = published.map(LoadTestTarget.Published::stub).orElse(false);
        Optional<String> publishedTargetMetrics = LoadTestTarget.publishedTargetMetrics(context);
        return new Settings() {
            @Override
            public Optional<String> publishedTargetMetrics() {
                return publishedTargetMetrics;
            }

            @Override
            public Optional<String> publishedBaseUrl() {
                return publishedBaseUrl;
            }

            @Override
            public boolean publishedBaseUrlIsStub() {
                return publishedStub;
            }

            @Override
            public Optional<String> systemProperty(String key) {
                return Optional.ofNullable(System.getProperty(key));
            }

            @Override
            public Optional<String> environmentVariable(String name) {
                return Optional.ofNullable(System.getenv(name));
            }

            @Override
            public java.util.Set<String> systemPropertyNames() {
                return System.getProperties().stringPropertyNames();
            }

            @Override
            public Optional<String> configurationParameter(String key) {
                return context.getConfigurationParameter(key);
            }
        };
    }

    /** A JVM system property. */
    Optional<String> systemProperty(String key);

    /** The names of this JVM's system properties, for settings named by a prefix; none by default. */
    default java.util.Set<String> systemPropertyNames() {
        return java.util.Set.of();
    }

    /** A target metrics endpoint another extension published for the running test; none by default. */
    default Optional<String> publishedTargetMetrics() {
        return Optional.empty();
    }

    /** A base URL another extension published for the running test; none by default. */
    default Optional<String> publishedBaseUrl() {
        return Optional.empty();
    }

    /** Whether the published base URL is a stub's rather than a real deployment's; false by default. */
    default boolean publishedBaseUrlIsStub() {
        return false;
    }

    /** An environment variable. */
    Optional<String> environmentVariable(String name);

    /** A JUnit configuration parameter, for example from {@code junit-platform.properties}. */
    Optional<String> configurationParameter(String key);
}
