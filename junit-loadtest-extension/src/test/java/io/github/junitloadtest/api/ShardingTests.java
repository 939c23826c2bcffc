package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/**
 * A shard and its merge as a user meets them, in this JVM at a low rate: the shard sends its part at
 * the shared start and passes on its health, its body knows which shard it is, and the merge of its
 * report folder judges the thresholds. Several shard JVMs together are {@code ScaleOutTests}'.
 */
class ShardingTests {

    @TempDir
    Path reports;

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    private Map<String, String> shard(String shard, Instant startAt) {
        // Without the generator's warm-up, which a first load test in a JVM would spend up to 1.5 s of the lead on.
        return Map.of(
                LoadTest.SHARD_PROPERTY_NAME,
                shard,
                LoadTest.START_AT_PROPERTY_NAME,
                startAt.toString(),
                LoadTest.RUN_ID_PROPERTY_NAME,
                "r1",
                LoadTest.GENERATOR_WARMUP_PROPERTY_NAME,
                "false");
    }

    @Test
    void aShardSendsItsPartFromTheSharedStartAndItsBodyAndSetUpKnowWhichShardTheyAre() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Instant startAt = Instant.now().plusMillis(2500);

            EngineExecutionResults results =
                    Engine.run(ShardTestCase.class, server.baseUrl(), reports, shard("1/2", startAt));

            results.testEvents().assertThatEvents().haveExactly(1, event(test("part"), finishedSuccessfully()));
            // 20 req/s for 1 s: arrivals 1, 3, ..., 19 are shard 1's.
            assertThat(server.requests()).isEqualTo(10);
            assertThat(SEEN).first().isEqualTo("before shard 1/2 of run r1, first false");
            assertThat(SEEN.subList(1, SEEN.size())).hasSize(10).containsOnly("body 1/2 owns 1 true, owns 0 false");
            assertThat(Files.exists(reports.resolve("snapshots/ShardingTests.ShardTestCase.part.shard-1-of-2.json")))
                    .isTrue();
        }
    }

    @Test
    void aShardPassesOnItsHealthAndTheMergeOfItsFolderJudgesTheThresholds() {
        try (LoopbackServer server = LoopbackServer.start().delayMillis(20)) {
            Path shardReports = reports.resolve("shard-0");
            EngineExecutionResults shard = Engine.run(
                    SlowTestCase.class,
                    server.baseUrl(),
                    shardReports,
                    shard("0/1", Instant.now().plusMillis(2500)));
            shard.testEvents().assertThatEvents().haveExactly(1, event(test("slow"), finishedSuccessfully()));

            EngineExecutionResults merged = Engine.runWithoutBaseUrl(
                    SlowTestCase.class,
                    reports.resolve("merged"),
                    Map.of(LoadTest.MERGE_FROM_PROPERTY_NAME, reports.toString()));

            merged.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("slow"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(m -> m.startsWith("p95 latency ")
                                                    && m.contains(" ms exceeded 5 ms (n=10, 10 req/s for 1 s")
                                                    && m.endsWith(" (merged from 1 shard, run r1)")))));
            assertThat(server.requests()).isEqualTo(10);
        }
    }

    @Test
    void aWholeLoadIsShardZeroOfOne() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(ShardTestCase.class, server.baseUrl(), reports);

            assertThat(SEEN).first().isEqualTo("before shard 0/1, first true");
            assertThat(SEEN.subList(1, SEEN.size())).hasSize(20).containsOnly("body 0/1 owns 1 true, owns 0 true");
        }
    }

    static class ShardTestCase {
        @BeforeEach
        void before(LoadShard shard) {
            SEEN.add("before " + shard + ", first " + shard.isFirst());
        }

        @LoadTest(rps = 20, duration = "1s")
        void part(LoadHttp http, LoadShard shard) {
            SEEN.add("body " + shard.index() + "/" + shard.count() + " owns 1 " + shard.owns(1) + ", owns 0 "
                    + shard.owns(0));
            http.get("/part").expectStatus(200);
        }
    }

    static class SlowTestCase {
        @LoadTest(rps = 10, duration = "1s")
        @P95Below(5)
        void slow(LoadHttp http) {
            http.get("/slow").expectStatus(200);
        }
    }
}
