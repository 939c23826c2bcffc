package io.github.junitloadtest.factory;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.NeverStatus;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.SuccessStatus;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 5 of the guide: the five paths at random, for 120 seconds at the growth target of 50 req/s. */
@ExtendWith(FactoryTarget.class)
class MixedEndpointLoadTests {

    private List<String> slugs;

    @BeforeEach
    void readSlugs(FactoryTarget.Target target) {
        slugs = target.templateSlugs();
    }

    /** 95 %+ success where 200 and 404 both count, p95 under 500 ms on each endpoint, no 503 at all. */
    @LoadTest(rps = 50, duration = "120s")
    @SuccessStatus({200, 404})
    @ErrorRateBelow(5)
    @P95Below(value = 500, perEndpoint = true)
    @NeverStatus(503)
    void mixedEndpoints(LoadHttp http) {
        FactoryTraffic.randomRequest(http, slugs);
    }
}
