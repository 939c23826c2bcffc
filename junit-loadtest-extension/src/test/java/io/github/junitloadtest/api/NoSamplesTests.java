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

/** A run in which nothing was ever answered reports no latency, not a latency of 0 ms. */
class NoSamplesTests {

    private static final String ID = "NoSamplesTests.NeverAnsweredTestCase.neverAnswered";

    @TempDir
    Path reports;

    @Test
    void aRunWithNoAnswersSaysNoSamplesInTheJsonThePagesAndTheConsole() throws Exception {
        LoopbackServer closed = LoopbackServer.start();
        NeverAnsweredTestCase.refusedUrl = closed.baseUrl() + "/gone";
        closed.close();
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(NeverAnsweredTestCase.class, server.baseUrl(), reports, Map.of());
        }

        JsonNode json =
                new ObjectMapper().readTree(reports.resolve(ID + ".json").toFile());
        assertThat(json.path("corrected").path("count").asLong()).isZero();
        assertThat(json.path("corrected").path("p95Millis").isNull())
                .as("corrected p95 of no samples")
                .isTrue();
        assertThat(json.path("serviceTime").path("meanMillis").isNull()).isTrue();
        JsonNode p95 = json.path("thresholds").get(0);
        assertThat(p95.path("sampleSize").asLong()).isZero();
        assertThat(p95.path("actual").isNull())
                .as("actual of a p95 threshold with no samples")
                .isTrue();
        assertThat(json.path("timeline"))
                .allSatisfy(point -> assertThat(point.path("p95Millis").isNull())
                        .as("an interval's p95 with nothing answered")
                        .isTrue());

        String markdown = Files.readString(reports.resolve(ID + ".md"));
        assertThat(markdown).contains("- p95: no samples (no samples)").doesNotContain("- p95: 0 ms");
        assertThat(markdown)
                .as("the thresholds table")
                .contains("| no samples | ✗ |")
                .doesNotContain("| 0 ms |");
        String html = Files.readString(reports.resolve(ID + ".html"));
        String thresholds = html.substring(html.indexOf("<h2>Thresholds</h2>"));
        assertThat(thresholds.substring(0, thresholds.indexOf("</table>")))
                .as("the thresholds table")
                .contains("no samples")
                .doesNotContain(">0 ms<");
    }

    static class NeverAnsweredTestCase {

        static volatile String refusedUrl = "http://127.0.0.1:1/gone";

        @LoadTest(rps = 10, duration = "1s", timeout = "1s")
        @P95Below(500)
        void neverAnswered(LoadHttp http) {
            http.get(refusedUrl);
        }
    }
}
