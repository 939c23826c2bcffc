package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.junitloadtest.support.BoundedServer;
import io.github.junitloadtest.support.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The capacity search as a user meets it, against a loopback server of 8 workers that take 20 ms
 * each: 400 req/s by construction, and what its workers really sustained, measured by the server
 * itself, on a busy machine. The search must find that within 10 %, and {@code @CapacityAbove}
 * must pass below it and fail above it. A broken step leaves the server a queue to work off, which
 * a probe after a pause must find gone. Some 80 s of load: in the {@code capacity} profile, which
 * the CI runs.
 */
@Tag("capacity")
class CapacitySearchTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void findsTheCapacityOfABoundedServiceWithinTenPercentAndGatesOnIt() throws Exception {
        try (BoundedServer server = BoundedServer.start(8, 20)) {
            EngineExecutionResults above =
                    Engine.run(AboveTestCase.class, server.baseUrl(), work.resolve("above"), Map.of());
            double truth = server.measuredCapacityRps();
            assertThat(Engine.failureMessages(above)).isEmpty();
            JsonNode capacity = JSON.readTree(work.resolve("above/CapacitySearchTests.AboveTestCase.search.json")
                            .toFile())
                    .path("capacity");
            double found = capacity.path("capacityRps").asDouble();
            System.out.printf(
                    java.util.Locale.ROOT,
                    "  bounded server: %.1f req/s by its workers' own clock (%.0f"
                            + " nominal); the search found %.1f req/s, %.1f req/s broke the SLO%n",
                    truth,
                    server.nominalCapacityRps(),
                    found,
                    capacity.path("firstBrokenRps").asDouble());
            assertThat(found)
                    .as(
                            "capacity found against the %s req/s the server's workers sustained (%s nominal); %s",
                            truth, server.nominalCapacityRps(), capacity)
                    .isBetween(0.9 * truth, 1.1 * truth);
            assertThat(capacity.path("end").asText()).isEqualTo("resolved");
            assertThat(Files.readString(work.resolve("above/CapacitySearchTests.AboveTestCase.search.md")))
                    .containsPattern("\\| RPS capacity \\(all steps\\) \\| >300 req/s \\| [0-9.]+ req/s \\| ✓ \\|")
                    .contains("### Capacity search");
            assertThat(Files.readString(work.resolve("above/CapacitySearchTests.AboveTestCase.search.html")))
                    .contains("<h2>Capacity search</h2>", "<svg class=\"capacity\"");

            EngineExecutionResults notAbove =
                    Engine.run(NotAboveTestCase.class, server.baseUrl(), work.resolve("notAbove"), Map.of());
            assertThat(Engine.failureMessages(notAbove))
                    .singleElement()
                    .asString()
                    .matches("capacity [0-9.]+ req/s is not above" + " 600 req/s \\(@CapacityAbove\\): .*");
        }
    }

    static class AboveTestCase {
        @CapacityTest(
                from = 100,
                to = 600,
                step = "3s",
                settle = "1s",
                recovery = "2s",
                timeout = "2s",
                resolution = "10%")
        @P95Below(100)
        @ErrorRateBelow(1)
        @CapacityAbove(300)
        void search(LoadHttp http) {
            http.get("/work").expectStatus(200);
        }
    }

    static class NotAboveTestCase {
        @CapacityTest(
                from = 200,
                to = 800,
                step = "3s",
                settle = "1s",
                recovery = "2s",
                timeout = "2s",
                resolution = "25%")
        @P95Below(100)
        @ErrorRateBelow(1)
        @CapacityAbove(600)
        void search(LoadHttp http) {
            http.get("/work").expectStatus(200);
        }
    }
}
