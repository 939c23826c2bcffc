package io.github.junitloadtest.factory;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.NoRegression;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.P99Below;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 1 of the guide: the template list, 1,000 requests over 60 seconds. */
@ExtendWith(FactoryTarget.class)
class TemplateListLoadTests {

    /**
     * 0 % errors (so no 500 or 503 either), p95 under 500 ms, p99 under 1000 ms; and a p95 no more
     * than 10 % worse than the recorded green runs', once there are three of them.
     */
    @LoadTest(rps = 16.7, duration = "60s")
    @ErrorRateBelow(0)
    @P95Below(500)
    @P99Below(1000)
    @NoRegression(metric = NoRegression.Metric.P95, tolerance = "10%")
    void templateList(LoadHttp http) {
        http.get(FactoryTraffic.TEMPLATES).expectStatus(200).expectJson();
    }
}
