package io.github.junitloadtest.factory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The embedded stub answers like the factory API would. */
class FactoryStubTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static FactoryStub stub;

    @BeforeAll
    static void startStub() {
        stub = FactoryStub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(stub.baseUrl() + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void listsTemplatesWithTheGuidesSlugs() throws Exception {
        HttpResponse<String> response = get("/api/public/factory/templates");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> slugs = new ArrayList<>();
        json(response)
                .get("templates")
                .forEach(template -> slugs.add(template.get("slug").asText()));
        assertThat(slugs)
                .contains("cloudflare-workers-api", "remix-on-workers", "hono-rest-api")
                .hasSize(6);
    }

    @Test
    void servesATemplateDetailAndAJsonNotFoundForAnUnknownSlug() throws Exception {
        HttpResponse<String> known = get("/api/public/factory/templates/hono-rest-api");
        HttpResponse<String> unknown = get("/api/public/factory/templates/no-such-template");

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(json(known).get("slug").asText()).isEqualTo("hono-rest-api");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("template_not_found");
        assertThat(json(unknown).get("message").asText()).isEqualTo("No template with slug 'no-such-template'");
    }

    @Test
    void servesCapabilitiesAndEachTier() throws Exception {
        assertThat(json(get("/api/public/factory/capabilities")).get("tiers")).hasSize(3);
        assertThat(json(get("/api/public/factory/capabilities/free"))
                        .get("tier")
                        .asText())
                .isEqualTo("free");
        assertThat(get("/api/public/factory/capabilities/platinum").statusCode())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource({
        "limit=5&offset=0&status=draft, 5, 48, draft",
        "limit=50&offset=0&status=draft, 48, 48, draft",
        "limit=25&offset=40&status=fallback, 8, 48, fallback",
        "limit=10&offset=100&status=approved, 0, 84, approved",
        "limit=10&offset=170, 10, 180, ",
    })
    void pagesAndFiltersTheBuildSpecs(String query, int pageSize, int total, String status) throws Exception {
        JsonNode page = json(get("/api/public/factory/build-specs?" + query));

        assertThat(page.get("buildSpecs")).hasSize(pageSize);
        assertThat(page.get("pagination").get("total").asInt()).isEqualTo(total);
        if (status != null) {
            page.get("buildSpecs")
                    .forEach(spec -> assertThat(spec.get("status").asText()).isEqualTo(status));
        }
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int offset = 0; offset < 48; offset += 10) {
            json(get("/api/public/factory/build-specs?status=draft&limit=10&offset=" + offset))
                    .get("buildSpecs")
                    .forEach(spec -> ids.add(spec.get("id").asText()));
        }
        assertThat(ids).hasSize(48).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({"limit=0", "limit=101", "limit=ten", "offset=-1", "status=archived"})
    void rejectsABadQueryWithAJsonError(String query) throws Exception {
        HttpResponse<String> response = get("/api/public/factory/build-specs?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_query");
    }

    @Test
    void respondsWithRealisticDelays() throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            get("/api/public/factory/templates");
        }
        double meanMillis = (System.nanoTime() - start) / 10 / 1e6;
        assertThat(meanMillis).isBetween(3.0, 200.0);
    }

    @Test
    void keepsNoRequestJournal() {
        assertThat(stub.server().getOptions().requestJournalDisabled()).isTrue();
    }
}
