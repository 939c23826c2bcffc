package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.junitloadtest.api.LoadHeader;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import org.junit.jupiter.api.Test;

class HeaderReaderTests {

    private final MapSettings settings = new MapSettings();

    @Test
    void aValueFromTheEnvironmentIsReadAndItsHeaderIsRedactedLikeASecretOne() throws Exception {
        settings.environment.put("API_TOKEN", "abc123");
        settings.configuration.put(LoadTest.HEADERS_PROPERTY_NAME, "X-Session: s-${env:API_TOKEN}\nX-Plain: p");

        LoadPlan plan = new LoadPlanResolver(settings)
                .resolve(Fixtures.class, Fixtures.class.getDeclaredMethod("headers", LoadHttp.class));

        assertThat(plan.headers())
                .extracting(
                        LoadPlan.Header::name,
                        LoadPlan.Header::value,
                        LoadPlan.Header::source,
                        LoadPlan.Header::fromEnvironment)
                .containsExactly(
                        tuple("X-Api-Key", "Key abc123", "@LoadHeader on method [Fixtures.headers(LoadHttp)]", true),
                        tuple("X-Session", "s-abc123", "Configuration parameter 'loadtest.headers'", true),
                        tuple("X-Plain", "p", "Configuration parameter 'loadtest.headers'", false));
        assertThat(plan.safety().secretHeaders())
                .contains("X-Api-Key", "X-Session")
                .doesNotContain("X-Plain");
        // The start line and every other output name a header without its value.
        assertThat(plan.headers().get(0)).hasToString("X-Api-Key (@LoadHeader on method [Fixtures.headers(LoadHttp)])");
    }

    @Test
    void theEnvironmentVariableGivesHeadersWhenNoPropertyDoesAndAPropertyWinsOverIt() throws Exception {
        settings.environment.put(LoadTest.HEADERS_ENVIRONMENT_VARIABLE, "X-From: environment");
        assertThat(resolve().headers())
                .extracting(LoadPlan.Header::name, LoadPlan.Header::value)
                .contains(tuple("X-From", "environment"));

        settings.systemProperties.put(LoadTest.HEADERS_PROPERTY_NAME, "X-From: property");
        assertThat(resolve().headers())
                .extracting(LoadPlan.Header::name, LoadPlan.Header::value)
                .contains(tuple("X-From", "property"))
                .doesNotContain(tuple("X-From", "environment"));
    }

    private LoadPlan resolve() throws Exception {
        settings.environment.put("API_TOKEN", "abc123");
        return new LoadPlanResolver(settings)
                .resolve(Fixtures.class, Fixtures.class.getDeclaredMethod("headers", LoadHttp.class));
    }

    static class Fixtures {
        @LoadTest(rps = 10, duration = "1s", baseUrl = "http://127.0.0.1:8089")
        @LoadHeader(name = "X-Api-Key", value = "Key ${env:API_TOKEN}")
        void headers(LoadHttp http) {}
    }
}
