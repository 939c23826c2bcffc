package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Test data handed to iterations from a CSV file, JSON lines or a method, in each mode. */
class FeedTests {

    @TempDir
    Path reports;

    @Test
    void aCircularCsvFeedHandsEveryRecordEquallyOftenInOrder() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(CircularTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1).failed(0));

            // 20 arrivals over 5 users: each user exactly 4 times, with the password of its own row.
            assertThat(countsOf(server))
                    .isEqualTo(Map.of(
                            "/login/ada/pw-ada", 4L,
                            "/login/bob/pw-bob", 4L,
                            "/login/cyd/pw-cyd", 4L,
                            "/login/dee/pw-dee", 4L,
                            "/login/eve/pw-eve", 4L));
        }
    }

    @Test
    void aOnceEachJsonLinesFeedHandsEveryRecordExactlyOnce() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(OnceTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1).failed(0));

            assertThat(server.seenPaths())
                    .hasSize(20)
                    .doesNotHaveDuplicates()
                    .allMatch(path -> path.startsWith("/products/sku-"));
        }
    }

    @Test
    void aOnceEachFeedThatRunsOutStopsTheRunAndFailsTheTestSayingSo() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(RunsOutTestCase.class, server.baseUrl(), reports);

            assertThat(Engine.failureMessages(results))
                    .singleElement()
                    .asString()
                    .contains("feed method codes() ran out after its 3 records (Feed.Mode.ONCE) before the load"
                            + " ended; give it more records, or use Feed.Mode.CIRCULAR");
            // Each of the three records went out once; no iteration asked the service without one.
            assertThat(server.seenPaths()).containsExactlyInAnyOrder("/codes/x", "/codes/y", "/codes/z");
        }
    }

    @Test
    void aRandomFeedHandsOnlyItsOwnRecords() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(RandomTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1).failed(0));

            assertThat(server.seenPaths())
                    .hasSize(20)
                    .allMatch(path -> List.of("/pick/x", "/pick/y").contains(path));
        }
    }

    @Test
    void aFeedThatCannotBeReadIsAConfigurationErrorBeforeAnyRequest() {
        try (LoopbackServer server = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(BadFeedsTestCase.class, server.baseUrl(), reports);

            assertThat(Engine.failureMessages(results))
                    .singleElement()
                    .asString()
                    .startsWith("Configuration errors (5):")
                    .contains("@Feed on parameter 2 of method [BadFeedsTestCase.bad(LoadHttp, LoadFeed, LoadFeed,"
                            + " LoadFeed, LoadFeed, LoadFeed)] names [\"feeds/missing.csv\"], found neither on the"
                            + " test class path nor at ")
                    .contains("@Feed on parameter 3 of method [BadFeedsTestCase.bad(LoadHttp, LoadFeed, LoadFeed,"
                            + " LoadFeed, LoadFeed, LoadFeed)] could not read [\"feeds/broken.jsonl\"]: line 2 is not"
                            + " JSON (Unrecognized token 'not'")
                    .contains("@Feed on parameter 4 of method [BadFeedsTestCase.bad(LoadHttp, LoadFeed, LoadFeed,"
                            + " LoadFeed, LoadFeed, LoadFeed)] has no records in method none(); a feed needs at"
                            + " least one.")
                    .contains("@Feed on parameter 5 of method [BadFeedsTestCase.bad(LoadHttp, LoadFeed, LoadFeed,"
                            + " LoadFeed, LoadFeed, LoadFeed)] must name a file or a method, one of them")
                    .contains("Parameter 6 of method [BadFeedsTestCase.bad(LoadHttp, LoadFeed, LoadFeed, LoadFeed,"
                            + " LoadFeed, LoadFeed)] is a LoadFeed without @Feed");
            assertThat(server.requests()).isZero();
        }
    }

    private static Map<String, Long> countsOf(LoopbackServer server) {
        return server.seenPaths().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    static class CircularTestCase {
        @LoadTest(rps = 20, duration = "1s")
        @ErrorRateBelow(0)
        void circular(LoadHttp http, @Feed("feeds/users.csv") LoadFeed<Map<String, String>> users) {
            Map<String, String> user = users.next();
            http.get("/login/{name}/{password}", user.get("name"), user.get("password"))
                    .expectStatus(200);
        }
    }

    static class OnceTestCase {
        @LoadTest(rps = 20, duration = "1s")
        @ErrorRateBelow(0)
        void once(LoadHttp http, @Feed(value = "feeds/skus.jsonl", mode = Feed.Mode.ONCE) LoadFeed<JsonNode> skus) {
            http.get("/products/{sku}", skus.next().get("sku").asText()).expectStatus(200);
        }
    }

    static class RunsOutTestCase {
        static List<String> codes() {
            return List.of("x", "y", "z");
        }

        @LoadTest(rps = 20, duration = "1s")
        void runsOut(LoadHttp http, @Feed(method = "codes", mode = Feed.Mode.ONCE) LoadFeed<String> codes) {
            http.get("/codes/{code}", codes.next()).expectStatus(200);
        }
    }

    static class RandomTestCase {
        static List<String> picks() {
            return List.of("x", "y");
        }

        @LoadTest(rps = 20, duration = "1s")
        @ErrorRateBelow(0)
        void random(LoadHttp http, @Feed(method = "picks", mode = Feed.Mode.RANDOM) LoadFeed<String> picks) {
            http.get("/pick/{code}", picks.next()).expectStatus(200);
        }
    }

    static class BadFeedsTestCase {
        static List<String> none() {
            return List.of();
        }

        @LoadTest(rps = 20, duration = "1s")
        void bad(
                LoadHttp http,
                @Feed("feeds/missing.csv") LoadFeed<Object> missing,
                @Feed("feeds/broken.jsonl") LoadFeed<Object> broken,
                @Feed(method = "none") LoadFeed<Object> empty,
                @Feed LoadFeed<Object> neither,
                LoadFeed<Object> undeclared) {
            http.get("/never");
        }
    }
}
