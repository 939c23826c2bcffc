package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.api.LoadTest;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The settings that read the service's own metrics and send the run's figures out while it runs, and
 * what is wrong with them.
 */
class LiveMetricsSettingsTests {

    private final MapSettings settings = new MapSettings();
    private final ConfigurationProblems problems = new ConfigurationProblems("LiveMetricsSettingsTests.run");

    @Test
    void aPortAndAnOtlpUrlAreReadWithTheirRegistriesOnTheClassPath() {
        settings.systemProperties.put(LoadTest.METRICS_PROMETHEUS_PORT_PROPERTY_NAME, "9464");
        settings.configuration.put(LoadTest.METRICS_OTLP_URL_PROPERTY_NAME, "http://localhost:4318/v1/metrics");

        LoadPlan.LiveMetrics live = new OutsideSettings(settings).liveMetrics(problems);

        problems.throwIfAny();
        assertThat(live)
                .isEqualTo(new LoadPlan.LiveMetrics(9464, Optional.of(URI.create("http://localhost:4318/v1/metrics"))));
        assertThat(live.enabled()).isTrue();
        assertThat(new OutsideSettings(new MapSettings()).liveMetrics(problems)).isEqualTo(LoadPlan.LiveMetrics.NONE);
    }

    @Test
    void anOtlpUrlThatIsNotOneIsAConfigurationErrorWithAnExample() {
        settings.systemProperties.put(LoadTest.METRICS_OTLP_URL_PROPERTY_NAME, "localhost:4318");

        new OutsideSettings(settings).liveMetrics(problems);

        assertThatThrownBy(problems::throwIfAny)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: System property 'loadtest.metrics.otlpUrl' must be the http or https"
                        + " URL OTLP metrics are pushed to, but was [\"localhost:4318\"]; for example"
                        + " \"http://localhost:4318/v1/metrics\".");
    }

    @Test
    void aRegistryMissingFromTheClassPathIsAConfigurationErrorNamingTheArtifactToAdd() {
        OutsideSettings.requireOnClassPath(
                new OutsideSettings.Setting("system property 'loadtest.metrics.prometheusPort'", "9464"),
                "io.micrometer.no.such.Registry",
                "micrometer-registry-prometheus",
                problems);

        assertThatThrownBy(problems::throwIfAny)
                .hasMessage("Configuration error: System property 'loadtest.metrics.prometheusPort' needs Micrometer's"
                        + " registry on the test class path, which it is not; add"
                        + " io.micrometer:micrometer-registry-prometheus:1.17.2 to the test dependencies.");
    }

    @Test
    void aTargetMetricsPathIsTakenAgainstTheBaseUrlAndAnythingElseMustBeAnAbsoluteHttpUrl() {
        settings.systemProperties.put(LoadTest.TARGET_METRICS_PROPERTY_NAME, "/actuator/prometheus");
        Optional<URI> base = Optional.of(URI.create("https://staging.example.com/"));

        assertThat(new OutsideSettings(settings).targetMetrics(base, problems))
                .contains(
                        new LoadPlan.TargetMetrics(URI.create("https://staging.example.com/actuator/prometheus"), ""));

        settings.systemProperties.put(LoadTest.TARGET_METRICS_PROPERTY_NAME, "metrics.example.com:9090/metrics");
        assertThat(new OutsideSettings(settings).targetMetrics(base, problems)).isEmpty();
        assertThatThrownBy(problems::throwIfAny)
                .hasMessage("Configuration error: System property 'loadtest.targetMetrics' must be the URL of the"
                        + " service's Prometheus or OpenMetrics endpoint, but was [\"metrics.example.com:9090/metrics\"];"
                        + " for example \"http://localhost:8080/actuator/prometheus\".");
    }

    @Test
    void aQueryTimerThatIsNotAMetricNameIsAConfigurationError() {
        settings.systemProperties.put(LoadTest.TARGET_METRICS_PROPERTY_NAME, "http://127.0.0.1:8080/metrics");
        settings.configuration.put(LoadTest.TARGET_METRICS_QUERIES_PROPERTY_NAME, "orders db");

        new OutsideSettings(settings).targetMetrics(Optional.empty(), problems);

        assertThatThrownBy(problems::throwIfAny)
                .hasMessage("Configuration error: Configuration parameter 'loadtest.targetMetrics.queries' must be a"
                        + " metric name, but was [\"orders db\"]; for example"
                        + " \"spring_data_repository_invocations_seconds\".");
    }
}
