package io.github.junitloadtest.factory;

import io.github.junitloadtest.api.ChecksAbove;
import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadResponse;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.P99Below;
import io.github.junitloadtest.api.Stage;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7: the guide's k6 script ({@code factory-load-test.js}) as a closed model: virtual users
 * ramping 0 → 20 → 20 → 50 → 50 → 0, each doing one random request of the four, then thinking 1 s.
 */
@ExtendWith(FactoryTarget.class)
class K6ScriptLoadTests {

    private static final List<String> ENDPOINTS = List.of(
            "/api/public/factory/templates",
            "/api/public/factory/capabilities",
            "/api/public/factory/build-specs?limit=10",
            "/api/public/factory/capabilities/free");

    /**
     * k6's thresholds: {@code http_req_duration p(95)<500, p(99)<1000}, {@code http_req_failed rate<0.01},
     * and its custom {@code errors} rate (failed checks) below 1 %.
     */
    @LoadTest(
            thinkTime = "1s",
            stages = {
                @Stage(duration = "1m", users = 20),
                @Stage(duration = "3m", users = 20),
                @Stage(duration = "1m", users = 50),
                @Stage(duration = "3m", users = 50),
                @Stage(duration = "1m", users = 0)
            })
    @P95Below(500)
    @P99Below(1000)
    @ErrorRateBelow(1)
    @ChecksAbove(99)
    void factoryLoadTest(LoadHttp http) {
        String endpoint = ENDPOINTS.get(ThreadLocalRandom.current().nextInt(ENDPOINTS.size()));
        http.get(endpoint)
                .check("status is 200", response -> response.status() == 200)
                .check("response time < 500ms", response -> response.elapsed().toMillis() < 500)
                .check("has valid JSON", LoadResponse::isJson);
    }
}
