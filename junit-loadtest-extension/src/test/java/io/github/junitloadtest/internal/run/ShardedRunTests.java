package io.github.junitloadtest.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.P99Below;
import io.github.junitloadtest.api.TimelinePoint;
import io.github.junitloadtest.internal.evaluate.Note;
import io.github.junitloadtest.internal.evaluate.Violation;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.internal.record.ShardRecord;
import io.github.junitloadtest.internal.report.SnapshotFile;
import io.github.junitloadtest.support.ManualPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards and their merge on manual clocks: each shard's pipeline runs on a clock of its own against
 * the same simulated service, and their snapshots add up to the one-generator run's exactly.
 */
class ShardedRunTests {

    /** The shards' common start: one second after their pipelines' clocks begin, so each waits for it. */
    private static final String START_AT =
            ManualPipeline.START_TIME.plusSeconds(1).toString();

    private static final long FROZEN_FROM_MILLIS = 2_000;
    private static final long FROZEN_UNTIL_MILLIS = 4_000;

    @TempDir
    Path reports;

    /**
     * A service that answers at once, except that it is frozen from 2 s to 4 s after the start: a
     * request arriving then is answered at 4 s. Every generator sees the same service.
     */
    private static ManualPipeline.HttpBody frozenService(ManualPipeline pipeline, long startNanos) {
        return http -> {
            long elapsedMillis = (pipeline.clock.nanoTime() - startNanos) / 1_000_000;
            if (elapsedMillis >= FROZEN_FROM_MILLIS && elapsedMillis < FROZEN_UNTIL_MILLIS) {
                pipeline.clock.advanceMillis(FROZEN_UNTIL_MILLIS - elapsedMillis);
            }
        };
    }

    private LoadRun.Finished whole(String fixture) {
        ManualPipeline pipeline = new ManualPipeline(reports.resolve("whole"));
        return pipeline.run(Fixtures.class, fixture, frozenService(pipeline, ManualPipeline.START_NANOS));
    }

    private ManualPipeline shardPipeline(int index, int count) {
        return new ManualPipeline(reports.resolve("shard-" + index))
                .with(LoadTest.BASE_URL_PROPERTY_NAME, "http://127.0.0.1:9")
                .with(LoadTest.SHARD_PROPERTY_NAME, index + "/" + count)
                .with(LoadTest.START_AT_PROPERTY_NAME, START_AT)
                .with(LoadTest.RUN_ID_PROPERTY_NAME, "4711");
    }

    private LoadRun.Finished shard(String fixture, ManualPipeline pipeline) {
        return pipeline.run(
                Fixtures.class, fixture, frozenService(pipeline, ManualPipeline.START_NANOS + 1_000_000_000L));
    }

    private List<LoadRun.Finished> shards(String fixture, int count) {
        List<LoadRun.Finished> shards = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            shards.add(shard(fixture, shardPipeline(index, count)));
        }
        return shards;
    }

    @Test
    void threeShardsOfAStalledServiceAddUpToTheOneGeneratorRunBucketForBucket() {
        LoadRun.Finished whole = whole("frozen");
        List<LoadRun.Finished> shards = shards("frozen", 3);

        RunSnapshot sum = shards.get(0)
                .snapshot()
                .plus(shards.get(1).snapshot())
                .plus(shards.get(2).snapshot());

        RunSnapshot one = whole.snapshot();
        assertThat(sum.recording().corrected()).isEqualTo(one.recording().corrected());
        // Service time is not the same: here one worker per generator, so the one generator queued the
        // arrivals during the stall itself, where each shard had one of them waiting at the service.
        assertThat(sum.recording().outcomes()).isEqualTo(one.recording().outcomes());
        assertThat(sum.accounting().scheduled()).isEqualTo(100);
        assertThat(sum.accounting().sent()).isEqualTo(100);
        // The shards' intervals line up on the shared start; what ends in which differs as the service time does.
        assertThat(sum.timeline())
                .extracting(TimelinePoint::endSeconds)
                .isEqualTo(
                        one.timeline().stream().map(TimelinePoint::endSeconds).toList());
        assertThat(sum.timeline().stream().mapToLong(TimelinePoint::iterations).sum())
                .isEqualTo(100);
        // 34 + 33 + 33: arrival j is shard (j mod 3)'s.
        assertThat(shards)
                .extracting(shard -> shard.snapshot().shards().get(0).planned())
                .containsExactly(34L, 33L, 33L);
        assertThat(sum.shards()).extracting(ShardRecord::index).containsExactly(0, 1, 2);
        assertThat(sum.shards()).allSatisfy(shard -> {
            assertThat(shard.readyOffsetNanos()).isEqualTo(-1_000_000_000L);
            // Each shard's first arrival (0, 1 and 2 at 0, 100 and 200 ms) went out when it was due.
            assertThat(shard.firstSendLateNanos()).isZero();
        });
    }

    @Test
    void aShardJudgesOnlyItsHealthUnlessAskedToJudgeItsPartToo() {
        LoadRun.Finished healthOnly = shard("frozen", shardPipeline(1, 3));

        assertThat(healthOnly.verdict().violations()).isEmpty();
        assertThat(healthOnly.verdict().thresholds()).isEmpty();
        assertThat(healthOnly.verdict().generators()).isEqualTo("shard 1/3, run 4711");
        assertThat(healthOnly.verdict().notes())
                .filteredOn(Note.Shards.class::isInstance)
                .singleElement()
                .extracting(Note::text)
                .isEqualTo("Shard 1/3 of run 4711, started at 2026-12-01T10:00:01Z (ready 1 s"
                        + " before it, first arrival sent 0 ms after it was due), sent 33 of its 33 arrivals: this run"
                        + " judged only the shard's"
                        + " health, its start and its part sent; the thresholds are judged once, on every shard's"
                        + " snapshot added up, by a run with loadtest.mergeFrom=<folder of the shards' reports>.");

        LoadRun.Finished local =
                shard("frozen", shardPipeline(1, 3).with(LoadTest.SHARD_VERDICT_PROPERTY_NAME, "local"));

        assertThat(local.verdict().violations())
                .singleElement()
                .extracting(Violation::message)
                .asString()
                .startsWith("shard-local, shard 1/3 alone: p99 latency ");
    }

    @Test
    void theMergeOfTheShardsFilesJudgesTheThresholdsOnceAsTheOneGeneratorRunDoes() {
        LoadRun.Finished whole = whole("frozen");
        writeShards("frozen", 3);

        ShardMerge.Outcome merged = ShardMerge.of(mergePlan("frozen"));

        assertThat(merged.problem()).isEmpty();
        LoadRun.Finished finished = merged.finished().orElseThrow();
        assertThat(finished.verdict().thresholds()).isEqualTo(whole.verdict().thresholds());
        assertThat(finished.verdict().violations()).singleElement().isInstanceOf(Violation.ThresholdBroken.class);
        assertThat(finished.verdict().generators()).isEqualTo("merged from 3 shards, run 4711");
        assertThat(finished.verdict().notes())
                .filteredOn(Note.Shards.class::isInstance)
                .singleElement()
                .extracting(Note::text)
                .isEqualTo("Merged from 3 shards of run 4711, started at 2026-12-01T10:00:01Z:"
                        + " every figure and threshold is of their snapshots added up. First arrivals sent after they"
                        + " were due: 0/3 0 ms, 1/3 0 ms, 2/3 0 ms, within 0 ms of each other, by each host's clock; the"
                        + " hosts' clocks must be synchronised (NTP).");
        assertThat(finished.result().shards())
                .extracting(shard -> shard.index() + "/" + shard.count() + " " + shard.sent())
                .containsExactly("0/3 34", "1/3 33", "2/3 33");
    }

    @Test
    void aMissingDoubledOrMismatchedShardFailsTheMergeWithWhatIsWrong() throws Exception {
        List<Path> files = writeShards("frozen", 3);

        Files.delete(files.get(2));
        assertThat(ShardMerge.of(mergePlan("frozen")).problem())
                .contains("merged run 4711 of load test"
                        + " ShardedRunTests.Fixtures.frozen incomplete: shard 2/3 missing (found 0/3, 1/3)");

        Path copy = Files.createDirectories(reports.resolve("copied/snapshots"))
                .resolve(files.get(1).getFileName());
        Files.copy(files.get(1), copy);
        assertThat(ShardMerge.of(mergePlan("frozen")).problem())
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith(
                                "merged run 4711 of load test ShardedRunTests.Fixtures.frozen: shard 1/3 found twice, in ")
                        .contains(copy.toAbsolutePath().toString()));
        Files.delete(copy);

        SnapshotFile.write(
                shard("frozen", shardPipeline(2, 3).with(LoadTest.DURATION_SCALE_PROPERTY_NAME, "0.5"))
                        .snapshot(),
                reports.resolve("shard-2"),
                true);
        assertThat(ShardMerge.of(mergePlan("frozen")).problem())
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith(
                                "merged run 4711 of load test ShardedRunTests.Fixtures.frozen: plan mismatch: shard 2/3 ran"
                                        + " 10 req/s for 5 s"));
    }

    @Test
    void shardsThatStartedATestAtDifferentInstantsAreNotAdded() {
        writeShards("frozen", 2);
        SnapshotFile.write(
                shard(
                                "frozen",
                                shardPipeline(1, 2)
                                        .with(
                                                LoadTest.START_AT_PROPERTY_NAME,
                                                ManualPipeline.START_TIME
                                                        .plusSeconds(2)
                                                        .toString()))
                        .snapshot(),
                reports.resolve("shard-1"),
                true);

        assertThat(ShardMerge.of(mergePlan("frozen")).problem())
                .contains("merged run 4711 of load test"
                        + " ShardedRunTests.Fixtures.frozen: shard 1/2 started this test at 2026-12-01T10:00:02Z (load test 1 of"
                        + " its JVM), shard 0/2 at 2026-12-01T10:00:01Z (load test 1); the shards must run the same tests in"
                        + " the same order, so that each test's load is sent at once");
    }

    @Test
    void aMergeIsNoShardsFirstSoThatSetUpMeantOncePerRunIsNotRepeatedThere() {
        io.github.junitloadtest.api.LoadShard merge = ShardView.of(mergePlan("frozen"));

        assertThat(merge.isMerge()).isTrue();
        assertThat(merge.isFirst()).isFalse();
        assertThat(ShardView.of(shardPipeline(0, 2).plan(Fixtures.class, "frozen"))
                        .isFirst())
                .isTrue();
    }

    @Test
    void aMergeAgainstAnotherPlanThanTheShardsRanFails() {
        writeShards("frozen", 2);

        assertThat(ShardMerge.of(new ManualPipeline(reports.resolve("merge"))
                                .with(LoadTest.MERGE_FROM_PROPERTY_NAME, reports.toString())
                                .with(LoadTest.DURATION_SCALE_PROPERTY_NAME, "2")
                                .plan(Fixtures.class, "frozen"))
                        .problem())
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("merged run 4711 of load test"
                                + " ShardedRunTests.Fixtures.frozen: plan mismatch: the shards ran 10 req/s for 10 s")
                        .contains("this test plans 10 req/s for 20 s"));
    }

    @Test
    void aMergeFolderWithoutShardsSaysWhereItLooked() {
        assertThat(ShardMerge.of(mergePlan("frozen")).problem())
                .contains("merged run of load test"
                        + " ShardedRunTests.Fixtures.frozen: no shard snapshot under " + reports.toAbsolutePath()
                        + " (looked for snapshots/ShardedRunTests.Fixtures.frozen.shard-<i>-of-<N>.json in every sub-folder);"
                        + " gather the shards' report folders there");
    }

    @Test
    void aShardLaterThanItsToleranceSendsNothingAndFailsWithTheBarrier() {
        AtomicInteger iterations = new AtomicInteger();
        ManualPipeline pipeline = shardPipeline(2, 4)
                .with(
                        LoadTest.START_AT_PROPERTY_NAME,
                        ManualPipeline.START_TIME.minusMillis(37_200).toString());

        LoadRun.Finished late = pipeline.run(Fixtures.class, "frozen", http -> iterations.incrementAndGet());

        assertThat(iterations).hasValue(0);
        assertThat(late.snapshot().accounting().sent()).isZero();
        assertThat(late.verdict().violations())
                .singleElement()
                .isInstanceOf(Violation.MissedStart.class)
                .extracting(Violation::message)
                .isEqualTo("shard 2/4 of load test ShardedRunTests.Fixtures.frozen"
                        + " missed the start barrier 2026-12-01T09:59:22.800Z by 37.2 s (run 4711, tolerance 1 s) and"
                        + " sent none of its 25 arrivals; start every shard before the instant, with loadtest.startAt"
                        + " far enough ahead for the slowest set-up");
    }

    @Test
    void aShardWithinItsToleranceSendsWhatIsAlreadyDueAtOnceMeasuredFromItsIntendedStart() {
        AtomicInteger iterations = new AtomicInteger();
        ManualPipeline pipeline = shardPipeline(0, 1)
                .with(
                        LoadTest.START_AT_PROPERTY_NAME,
                        ManualPipeline.START_TIME.minusMillis(450).toString());

        LoadRun.Finished finished = pipeline.run(Fixtures.class, "frozen", http -> iterations.incrementAndGet());

        // Arrivals 0-4 were due 450, 350, ..., 50 ms before the shard was ready: sent at once, late by that much.
        assertThat(iterations).hasValue(100);
        assertThat(finished.verdict().violations()).isEmpty();
        assertThat(finished.snapshot().recording().corrected().maxMillis()).isBetween(449.0, 451.0);
        assertThat(finished.snapshot().recording().corrected().percentileMillis(96))
                .isBetween(49.0, 51.0);
        assertThat(finished.snapshot().recording().corrected().percentileMillis(95))
                .isZero();
        assertThat(finished.snapshot().shards().get(0).readyOffsetNanos()).isEqualTo(450_000_000L);
    }

    @Test
    void aShardsJvmStartsEachNextLoadTestWhenTheOneBeforeHadItsTime() {
        ManualPipeline pipeline = shardPipeline(1, 2);

        LoadRun.Finished first = pipeline.run(Fixtures.class, "frozen", http -> {});
        LoadRun.Finished second = pipeline.run(Fixtures.class, "frozen", http -> {});

        // 10 s of load, its 5 s timeout and 7 s between: the second load test's slot starts 22 s after the first.
        assertThat(List.of(first, second))
                .extracting(run -> run.snapshot().shards().get(0))
                .extracting(shard -> shard.slot() + " " + shard.startAt())
                .containsExactly("1 2026-12-01T10:00:01Z", "2 2026-12-01T10:00:23Z");
        assertThat(second.verdict().violations()).isEmpty();
        assertThat(pipeline.elapsedMillis()).isEqualTo(23_000 + 9_900);
    }

    @Test
    void closedModelUsersAndInFlightCapsAreSplitByTheSameStriping() {
        // Seven users, so seven in flight: shard 0 runs 3 of them, shards 1 and 2 run 2 each.
        assertThat(List.of(0, 1, 2))
                .extracting(index -> LoadRun.inFlightOf(shardPipeline(index, 3).plan(Fixtures.class, "users")))
                .containsExactly(3, 2, 2);
        // An open model's automatic cap of 50 (10 req/s for the 5 s timeout), in parts of 17, 17 and 16.
        assertThat(List.of(0, 1, 2))
                .extracting(index -> LoadRun.inFlightOf(shardPipeline(index, 3).plan(Fixtures.class, "frozen")))
                .containsExactly(17, 17, 16);
    }

    private List<Path> writeShards(String fixture, int count) {
        List<Path> files = new ArrayList<>();
        for (LoadRun.Finished shard : shards(fixture, count)) {
            int index = shard.snapshot().shards().get(0).index();
            files.add(SnapshotFile.write(shard.snapshot(), reports.resolve("shard-" + index), true));
        }
        return files;
    }

    private io.github.junitloadtest.internal.plan.LoadPlan mergePlan(String fixture) {
        return new ManualPipeline(reports.resolve("merge"))
                .with(LoadTest.MERGE_FROM_PROPERTY_NAME, reports.toString())
                .plan(Fixtures.class, fixture);
    }

    static class Fixtures {
        @LoadTest(rps = 10, duration = "10s", timeout = "5s")
        @P99Below(1000)
        void frozen() {}

        @LoadTest(users = 7, duration = "2s", thinkTime = "100ms")
        void users() {}
    }
}
