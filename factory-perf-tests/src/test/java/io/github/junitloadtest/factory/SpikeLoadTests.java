package io.github.junitloadtest.factory;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.P95Below;
import io.github.junitloadtest.api.RecoversWithin;
import io.github.junitloadtest.api.Stage;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 6 of the guide: a spike from 10 to 200 req/s on the template list, and back. */
@ExtendWith(FactoryTarget.class)
class SpikeLoadTests {

    /**
     * 30 s at 10 req/s, 60 s at 200 req/s, 30 s at 10 req/s. No failed request; statistics per phase;
     * the windowed p95 back within 20 % of the warm-up's (plus 10 ms, below which differences are
     * noise) in under 5 minutes after the spike.
     */
    @LoadTest(
            stages = {
                @Stage(name = "warmup", duration = "30s", from = 10, rps = 10),
                @Stage(name = "spike", duration = "60s", from = 200, rps = 200),
                @Stage(name = "cooldown", duration = "30s", from = 10, rps = 10)
            })
    @ErrorRateBelow(0)
    @P95Below(500)
    @P95Below(value = 500, phase = "spike")
    @RecoversWithin(value = "5m", after = "spike", reference = "warmup", tolerancePercent = 20, toleranceMillis = 10)
    void spike(LoadHttp http) {
        http.get(FactoryTraffic.TEMPLATES).expectStatus(200);
    }
}
