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
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A short capacity search through JUnit, at rates any machine delivers: each step gets a client of
 * its own, and the reports carry the search. The search itself, with exact figures, is
 * {@code CapacityRunTests}'; its accuracy against a server of known capacity is {@code CapacitySearchTests}'.
 */
class CapacityReportsTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    @Test
    void aSearchThatHoldsUpToItsHighestRateReportsThatTheCapacityIsAtLeastThatRate() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(HeldTestCase.class, server.baseUrl(), reports, Map.of());

            results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
            String test = "CapacityReportsTests.HeldTestCase.search";
            JsonNode capacity =
                    JSON.readTree(reports.resolve(test + ".json").toFile()).path("capacity");
            assertThat(capacity.path("capacityRps").asDouble()).isEqualTo(20.0);
            assertThat(capacity.path("end").asText()).isEqualTo("reached-to");
            assertThat(capacity.path("steps"))
                    .extracting(step -> step.path("rps").asDouble())
                    .containsExactly(5.0, 10.0, 20.0);
            assertThat(HeldTestCase.clients).as("one client per step").isEqualTo(3);
            assertThat(server.requests()).isGreaterThanOrEqualTo(5 + 10 + 20);
            assertThat(Files.readString(reports.resolve(test + ".md")))
                    .contains(
                            "| RPS capacity (all steps) | >4 req/s | ≥ 20 req/s | ✓ |",
                            "### Capacity search",
                            "| 3 | step | 20 req/s | 20 req/s |");
            assertThat(Files.readString(reports.resolve(test + ".html")))
                    .contains("<h2>Capacity search</h2>", "<svg class=\"capacity\"", "≥ 20 req/s");
        }
    }

    static class HeldTestCase {
        static int clients;
        private static LoadHttp last;

        @CapacityTest(from = 5, to = 20, step = "1s", settle = "500ms", timeout = "2s")
        @P95Below(1000)
        @CapacityAbove(4)
        void search(LoadHttp http) {
            synchronized (HeldTestCase.class) {
                if (http != last) {
                    last = http;
                    clients++;
                }
            }
            http.get("/capacity").expectStatus(200);
        }
    }
}
