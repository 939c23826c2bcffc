package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one precedence for the user's base URL: system property, then BASE_URL, then configuration parameter. */
class BaseUrlTests {

    private final MapSettings settings = new MapSettings();
    private final Map<String, String> properties = settings.systemProperties;
    private final Map<String, String> environment = settings.environment;
    private final Map<String, String> parameters = settings.configuration;

    /** Every non-empty combination of the three sources; the first in precedence order wins. */
    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (int mask = 1; mask < 8; mask++) {
            String winner = (mask & 1) != 0 ? "property" : (mask & 2) != 0 ? "environment" : "parameter";
            all.add(Arguments.of((mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, winner));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "property {0}, BASE_URL {1}, parameter {2} → {3}")
    @MethodSource("combinations")
    void theFirstSourceSetWinsAndIsNamed(boolean property, boolean variable, boolean parameter, String winner) {
        if (property) {
            properties.put("loadtest.baseUrl", "http://property.test");
        }
        if (variable) {
            environment.put("BASE_URL", "http://environment.test");
        }
        if (parameter) {
            parameters.put("loadtest.baseUrl", "http://parameter.test");
        }

        BaseUrl.Named named = BaseUrl.configured(settings).orElseThrow();

        assertThat(named.uri()).hasToString("http://" + winner + ".test");
        assertThat(named.source())
                .isEqualTo(
                        switch (winner) {
                            case "property" -> "system property 'loadtest.baseUrl'";
                            case "environment" -> "environment variable BASE_URL";
                            default -> "configuration parameter 'loadtest.baseUrl'";
                        });
    }

    @Test
    void blankValuesCountAsUnsetAndNoneSetIsEmpty() {
        properties.put("loadtest.baseUrl", " ");
        environment.put("BASE_URL", "");
        assertThat(BaseUrl.configured(settings)).isEmpty();

        parameters.put("loadtest.baseUrl", "http://parameter.test");
        assertThat(BaseUrl.configured(settings))
                .map(BaseUrl.Named::source)
                .contains("configuration parameter 'loadtest.baseUrl'");
    }

    @Test
    void anInvalidWinnerIsAConfigurationErrorNamingItsSourceWithoutCredentials() {
        environment.put("BASE_URL", "ftp://deploy:s3cret@files.test");
        parameters.put("loadtest.baseUrl", "http://parameter.test");

        assertThatThrownBy(() -> BaseUrl.configured(settings).orElseThrow().uri())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: Environment variable BASE_URL must be an absolute http or https URL,"
                        + " but was [\"ftp://***@files.test\"]; for example \"http://localhost:8080\".");
    }
}
