package io.github.junitloadtest.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

class RoleReaderTests {

    private final MapSettings settings = new MapSettings();
    private final Map<String, String> properties = settings.systemProperties;

    @Test
    void withoutShardOrMergeSettingsTheJvmSendsTheWholeLoad() throws Exception {
        assertThat(resolve().role()).isEqualTo(LoadPlan.Role.WHOLE);
    }

    @Test
    void aShardReadsItsIndexWeightsStartToleranceRunAndVerdict() throws Exception {
        properties.put("loadtest.baseUrl", "https://staging.example.com");
        properties.put("loadtest.shard", "2/4");
        properties.put("loadtest.shardWeights", "2, 1,1,1");
        properties.put("loadtest.startAt", "2026-12-01T10:00:00Z");
        properties.put("loadtest.startTolerance", "250ms");
        properties.put("loadtest.runId", "4711");
        properties.put("loadtest.shardVerdict", "local");

        assertThat(resolve().role())
                .isEqualTo(new LoadPlan.Shard(
                        2,
                        List.of(2, 1, 1, 1),
                        "4711",
                        Instant.parse("2026-12-01T10:00:00Z"),
                        Duration.ofMillis(250),
                        true));
    }

    @Test
    void aShardsRunIdDefaultsToItsStartWhichMayBeGivenInEpochMilliseconds() throws Exception {
        properties.put("loadtest.baseUrl", "https://staging.example.com");
        properties.put("loadtest.shard", "0/1");
        properties.put("loadtest.startAt", "1764583200000");

        assertThat(resolve().role())
                .isEqualTo(new LoadPlan.Shard(
                        0,
                        List.of(1),
                        "2025-12-01T10:00:00Z",
                        Instant.parse("2025-12-01T10:00:00Z"),
                        Duration.ofSeconds(1),
                        false));
    }

    @Test
    void badShardSettingsAreListedTogetherBeforeAnyLoad() {
        properties.put("loadtest.baseUrl", "https://staging.example.com");
        properties.put("loadtest.shard", "4/4");
        properties.put("loadtest.shardWeights", "2,1");
        properties.put("loadtest.startAt", "tomorrow");
        properties.put("loadtest.startTolerance", "-1s");
        properties.put("loadtest.shardVerdict", "strict");

        assertThatThrownBy(this::resolve)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration errors (5):"
                        + "\n- System property 'loadtest.shard' must be i/N with 0 <= i < N <= 1000, but was [\"4/4\"];"
                        + " for example \"2/4\" for the third of four shards."
                        + "\n- System property 'loadtest.shardWeights' must give 4 whole numbers from 1 to 10000, one"
                        + " per shard, but was [\"2,1\"]; for example \"2,1,1,1\"."
                        + "\n- System property 'loadtest.startAt' must be an ISO-8601 instant in UTC or epoch"
                        + " milliseconds, but was [\"tomorrow\"]; for example \"2026-12-01T10:00:00Z\"."
                        + "\n- System property 'loadtest.startTolerance' must be a duration of 0 or more, but was"
                        + " [\"-1s\"]; for example \"1s\" or \"500ms\"."
                        + "\n- System property 'loadtest.shardVerdict' must be health or local, but was [\"strict\"];"
                        + " for example \"health\".");
    }

    @Test
    void aShardNeedsAStartInstant() {
        properties.put("loadtest.baseUrl", "https://staging.example.com");
        properties.put("loadtest.shard", "1/2");

        assertThatThrownBy(this::resolve)
                .hasMessage("Configuration error: loadtest.shard is set, but loadtest.startAt"
                        + " is not: the shards need a common instant to start at; for example"
                        + " -Dloadtest.startAt=2026-12-01T10:00:00Z (computed once by whoever starts the shards).");
    }

    @Test
    void aShardOfTheEmbeddedStubIsAConfigurationErrorNamingTheProperty() {
        settings.published = Optional.of("http://127.0.0.1:8089");
        settings.publishedIsStub = true;
        properties.put("loadtest.shard", "1/2");
        properties.put("loadtest.startAt", "2026-12-01T10:00:00Z");

        assertThatThrownBy(this::resolve)
                .hasMessage("Configuration error: System property 'loadtest.shard'=[\"1/2\"]"
                        + " needs a real target: with the embedded stub every shard would load a stub of its own; set"
                        + " loadtest.baseUrl, for example -Dloadtest.baseUrl=https://staging.example.com.");
        settings.published = Optional.empty();
        assertThatThrownBy(this::resolve).hasMessageContaining("needs a real target");
    }

    @Test
    void shardSettingsWithoutAShardAreReportedNotIgnored() {
        properties.put("loadtest.startAt", "2026-12-01T10:00:00Z");
        properties.put("loadtest.runId", "4711");

        assertThatThrownBy(this::resolve)
                .hasMessage("Configuration errors (2):"
                        + "\n- System property 'loadtest.startAt' applies only to a shard, but loadtest.shard is not set; for"
                        + " example -Dloadtest.shard=0/4."
                        + "\n- System property 'loadtest.runId' applies only to a shard or a merge, but loadtest.shard is not"
                        + " set; for example -Dloadtest.shard=0/4.");
    }

    @Test
    void aMergeNamesAnExistingFolderAndMayPickARun(@TempDir Path shards) throws Exception {
        properties.put("loadtest.mergeFrom", shards.toString());
        assertThat(resolve().role()).isEqualTo(new LoadPlan.Merge(shards, Optional.empty()));

        properties.put("loadtest.runId", "4711");
        assertThat(resolve().role()).isEqualTo(new LoadPlan.Merge(shards, Optional.of("4711")));
    }

    @Test
    void aMergeOfAMissingFolderOrBesideAShardIsAConfigurationError(@TempDir Path temp) {
        Path missing = temp.resolve("shards");
        properties.put("loadtest.mergeFrom", missing.toString());
        assertThatThrownBy(this::resolve)
                .hasMessage("Configuration error: System property 'loadtest.mergeFrom' names"
                        + " [\"" + missing + "\"], which is not a folder (as " + missing.toAbsolutePath()
                        + "); name the"
                        + " folder the shards' report folders were gathered in, for example \"shards\".");

        properties.put("loadtest.mergeFrom", temp.toString());
        properties.put("loadtest.shard", "0/2");
        assertThatThrownBy(this::resolve)
                .hasMessage("Configuration error: System property 'loadtest.shard' and System"
                        + " property 'loadtest.mergeFrom' are both set, but a run either sends a shard's load or merges the"
                        + " shards' results; set loadtest.shard on the shards and loadtest.mergeFrom on the run that judges"
                        + " them.");
    }

    private LoadPlan resolve() throws NoSuchMethodException {
        return new LoadPlanResolver(settings).resolve(Fixtures.class.getDeclaredMethod("sharded", LoadHttp.class));
    }

    @SuppressWarnings("unused")
    static class Fixtures {
        @LoadTest(rps = 100, duration = "20s")
        void sharded(LoadHttp http) {}
    }
}
