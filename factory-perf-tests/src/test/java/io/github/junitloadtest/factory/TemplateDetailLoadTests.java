package io.github.junitloadtest.factory;

import io.github.junitloadtest.api.ErrorRateBelow;
import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.P95Below;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 2 of the guide: template details, 500 requests over 30 seconds. */
@ExtendWith(FactoryTarget.class)
class TemplateDetailLoadTests {

    private List<String> slugs;

    /** Slugs come from the live list: the guide warns that its example slugs may not exist. */
    @BeforeEach
    void readSlugs(FactoryTarget.Target target) {
        slugs = target.templateSlugs();
    }

    /** 0 % errors, p95 under 500 ms, and every detail the same size as the first one of its slug. */
    @LoadTest(rps = 16.7, duration = "30s")
    @ErrorRateBelow(0)
    @P95Below(500)
    void templateDetail(LoadHttp http) {
        String slug = slugs.get(ThreadLocalRandom.current().nextInt(slugs.size()));
        http.get(FactoryTraffic.TEMPLATE, slug).expectStatus(200).expectJson().expectConsistentSize();
    }
}
