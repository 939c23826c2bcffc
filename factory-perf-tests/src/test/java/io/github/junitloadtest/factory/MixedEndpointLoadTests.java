package io.github.junitloadtest.factory;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.P95Below;
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

    /** 95 %+ success where 200 and 404 both count, p95 under 500 ms; per-endpoint figures are in the report. */
    @LoadTest(rps = 50, duration = "120s")
    @ErrorRateBelow(5)
    @P95Below(500)
    void mixedEndpoints(LoadHttp http) {
        FactoryTraffic.randomRequest(http, slugs);
    }
}
