package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.FaultServer;
import io.github.junitloadtest.support.FaultServer.Fault;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request cap's figures are what went out, at a rate high enough that the cap stops the run
 * with requests in flight: the server's count, the report's and the failure message agree, and
 * every admitted request is either sent or counted as not sent. A high-rate check: the stress profile.
 */
@Tag("stress")
class RequestCapStressTests {

    @TempDir
    Path reports;

    @RepeatedTest(10)
    void theCapsCountsAreWhatTheServerReceived() {
        LoadTestResult result;
        int received;
        try (FaultServer server = FaultServer.start(Fault.NONE)) {
            Engine.runMethod(CappedTestCase.class, "capped", server.baseUrl(), reports, Map.of());
            result = JsonReportWriter.read(reports.resolve("RequestCapStressTests.CappedTestCase.capped.json"));
            received = server.requests();
        }

        LoadTestResult.Counts counts = result.counts();
        assertThat(counts.requestsSent())
                .as("requests that went out, against the server's count")
                .isEqualTo(received);
        assertThat(counts.requestsSent() + counts.requestsNotSent())
                .as("admitted requests")
                .isEqualTo(500);
        assertThat(result.aborted())
                .contains("request cap reached: 500 requests admitted")
                .contains("; " + received + " went out, " + counts.requestsNotSent() + " admitted but not sent")
                .contains(counts.requestsRefused() + " refused");
        assertThat(result.outcomes().get(Outcome.SUCCESS)).as("successes").isLessThanOrEqualTo(received);
    }

    static class CappedTestCase {
        @LoadTest(rps = 1000, duration = "2s", timeout = "2s", maxRequests = 500)
        void capped(LoadHttp http) {
            http.get("/api");
        }
    }
}
