package io.github.junitloadtest.factory;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.P95Below;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 3 of the guide: capabilities, 500 requests over 30 seconds. */
@ExtendWith(FactoryTarget.class)
class CapabilitiesLoadTests {

    /** The guide names no criteria here; the factory-wide target applies: p95 under 500 ms, no errors. */
    @LoadTest(rps = 16.7, duration = "30s")
    @ErrorRateBelow(0)
    @P95Below(500)
    void capabilities(LoadHttp http) {
        http.get(FactoryTraffic.CAPABILITIES).expectStatus(200).expectJson();
    }
}
