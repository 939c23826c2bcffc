package io.github.junitloadtest.factory;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.P95Below;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 4 of the guide: build specs with pagination, 1,000 requests over 60 seconds. */
@ExtendWith(FactoryTarget.class)
class BuildSpecsLoadTests {

    private static final int[] LIMITS = {5, 10, 25, 50};
    private static final List<String> STATUSES = List.of("draft", "approved", "fallback");

    /** Each request a random limit, offset and status; a page never exceeds its limit or mixes statuses. */
    @LoadTest(rps = 16.7, duration = "60s")
    @ErrorRateBelow(0)
    @P95Below(500)
    void buildSpecsPage(LoadHttp http) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int limit = LIMITS[random.nextInt(LIMITS.length)];
        int offset = random.nextInt(0, 101);
        String status = STATUSES.get(random.nextInt(STATUSES.size()));
        http.get(FactoryTraffic.BUILD_SPECS + "?limit={limit}&offset={offset}&status={status}", limit, offset, status)
                .expectStatus(200)
                .expectJson(
                        "at most " + limit + " build specs",
                        page -> page.path("buildSpecs").size() <= limit)
                .expectJson("every build spec has status " + status, page -> allHaveStatus(page, status));
    }

    private static boolean allHaveStatus(JsonNode page, String status) {
        for (JsonNode spec : page.path("buildSpecs")) {
            if (!status.equals(spec.path("status").asText())) {
                return false;
            }
        }
        return true;
    }
}
