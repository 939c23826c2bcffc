package io.github.junitloadtest.factory;

import io.github.junitloadtest.api.LoadHttp;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The guide's mixed traffic: one of its five paths at random, where 200 and 404 both count as success. */
final class FactoryTraffic {

    static final String TEMPLATES = "/api/public/factory/templates";
    static final String TEMPLATE = "/api/public/factory/templates/{slug}";
    static final String CAPABILITIES = "/api/public/factory/capabilities";
    static final String TIER = "/api/public/factory/capabilities/{tier}";
    static final String BUILD_SPECS = "/api/public/factory/build-specs";

    private FactoryTraffic() {}

    static void randomRequest(LoadHttp http, List<String> slugs) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (random.nextInt(5)) {
            case 0 -> http.get(TEMPLATES).expectStatus(200, 404);
            case 1 -> http.get(CAPABILITIES).expectStatus(200, 404);
            case 2 -> http.get(BUILD_SPECS).expectStatus(200, 404);
            case 3 ->
                http.get(TEMPLATE, slugs.get(random.nextInt(slugs.size()))).expectStatus(200, 404);
            default -> http.get(TIER, "free").expectStatus(200, 404);
        }
    }
}
