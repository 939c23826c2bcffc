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

/**
 * {@code loadtest.rateScale} as CI passes it: one test written for 20 req/s runs at half of that,
 * sends half the requests, and says so in every report and in the approval it is not offered.
 */
class RateScaleTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    @Test
    void aRateScaleOfOneHalfSendsHalfTheLoadAndEveryReportSaysSo() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(
                            HalvedTestCase.class,
                            server.baseUrl(),
                            reports,
                            Map.of(LoadTest.RATE_SCALE_PROPERTY_NAME, "0.5"))
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1).failed(0));

            assertThat(server.requests()).isEqualTo(10);
        }
        String test = "RateScaleTests.HalvedTestCase.halved";
        JsonNode configuration =
                JSON.readTree(reports.resolve(test + ".json").toFile()).get("configuration");
        assertThat(configuration.get("load").asText()).isEqualTo("10 req/s for 1 s");
        assertThat(configuration.get("rateScale").asDouble()).isEqualTo(0.5);
        assertThat(Files.readString(reports.resolve(test + ".md")))
                .contains(
                        "(rateScale 0.5 of the declared rates)", "YES is not offered: rate-scaled run (rateScale 0.5)");
        assertThat(Files.readString(reports.resolve(test + ".html"))).contains(", rateScale 0.5, started ");
        assertThat(JSON.readTree(reports.resolve("summary.json").toFile())
                        .get("approval")
                        .asText())
                .isEqualTo("not offered: rate-scaled run (rateScale 0.5)");
    }

    static class HalvedTestCase {
        @LoadTest(rps = 20, duration = "1s")
        @ThroughputAbove(5)
        void halved(LoadHttp http) {
            http.get("/halved").expectStatus(200);
        }
    }
}
