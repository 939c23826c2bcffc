package io.github.junitloadtest.factory;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.P99Below;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 8, from the guide's pre-production checklist: mixed traffic at the growth target of
 * 50 req/s for two hours. Left out of {@code -Pperf}; run it with {@code mvn verify -Psustained}, and
 * shorten it with {@code -Dloadtest.durationScale} (0.25 gives 30 minutes).
 */
@Tag("sustained")
@ExtendWith(FactoryTarget.class)
class SustainedLoadTests {

    private List<String> slugs;

    @BeforeEach
    void readSlugs(FactoryTarget.Target target) {
        slugs = target.templateSlugs();
    }

    @LoadTest(rps = 50, duration = "2h", warmup = "1m")
    @ErrorRateBelow(1)
    @P95Below(500)
    @P99Below(1000)
    void sustainedMixedTraffic(LoadHttp http) {
        FactoryTraffic.randomRequest(http, slugs);
    }
}
