package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test's load and limits set from outside, as a CI job sets them, and said in every report. */
class OverridesTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String KEY = "loadtest.override.OverridesTests.OverriddenTestCase.overridden.";

    @TempDir
    Path reports;

    @Test
    void anOverriddenRateSendsItsLoadAndAnOverriddenLimitDecidesTheVerdict() throws Exception {
        try (LoopbackServer server = LoopbackServer.start().delayMillis(20)) {
            var results = Engine.run(
                    OverriddenTestCase.class,
                    server.baseUrl(),
                    reports,
                    Map.of(KEY + "rps", "12", KEY + "duration", "1s", KEY + "P95Below", "5"));

            // Exactly the overridden load: 12 req/s for 1 s, not the declared 4 req/s for 2 s.
            assertThat(server.requests()).isEqualTo(12);
            // The service takes 20 ms: a p95 limit of 5 ms set from outside fails where the declared 5 s held.
            assertThat(Engine.failureMessages(results))
                    .singleElement()
                    .asString()
                    .startsWith("p95 latency ")
                    .contains(" ms exceeded 5 ms (n=12, 12 req/s for 1 s");
        }
        String test = "OverridesTests.OverriddenTestCase.overridden";
        JsonNode configuration =
                JSON.readTree(reports.resolve(test + ".json").toFile()).get("configuration");
        assertThat(configuration.get("load").asText()).isEqualTo("12 req/s for 1 s");
        assertThat(configuration.get("overrides"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "rps = 12 (configuration parameter '" + KEY + "rps')",
                        "duration = 1s (configuration parameter '" + KEY + "duration')",
                        "P95Below = 5 (configuration parameter '" + KEY + "P95Below')");
        assertThat(Files.readString(reports.resolve(test + ".md")))
                .contains("**Overridden from outside**: rps = 12 (configuration parameter '" + KEY + "rps'),");
        assertThat(Files.readString(reports.resolve(test + ".html")))
                .contains("Overridden from outside: rps = 12 (configuration parameter &#39;" + KEY + "rps&#39;),");
    }

    static class OverriddenTestCase {
        @LoadTest(rps = 4, duration = "2s")
        @P95Below(5000)
        void overridden(LoadHttp http) {
            http.get("/overridden").expectStatus(200);
        }
    }
}
