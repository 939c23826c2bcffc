package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.api.LoadTest;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The settings that send a run's figures out while it runs, and what is wrong with them. */
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
}
