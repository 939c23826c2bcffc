package io.github.junitloadtest.factory;

import io.github.junitloadtest.api.CapacityAbove;
import io.github.junitloadtest.api.CapacityTest;
import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.P95Below;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guide's "RPS capacity" row: the highest rate at which the template list still meets its SLO,
 * searched from 10 req/s up to the guide's Scale target of 200 req/s, which the gate requires above
 * the Growth target of 50 req/s.
 */
@ExtendWith(FactoryTarget.class)
class TemplateListCapacityLoadTests {

    /** p95 under 500 ms and under 1 % errors at every step; the capacity found above 50 req/s. */
    @CapacityTest(from = 10, to = 200, step = "20s", settle = "5s")
    @P95Below(500)
    @ErrorRateBelow(1)
    @CapacityAbove(50)
    void templateListCapacity(LoadHttp http) {
        http.get(FactoryTraffic.TEMPLATES).expectStatus(200).expectJson();
    }
}
