package io.github.junitloadtest.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.support.SampleRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;

class RunSnapshotTests {

    private static final IntPredicate ALL = i -> true;
    private static final IntPredicate EVEN = i -> i % 2 == 0;
    private static final IntPredicate ODD = i -> i % 2 == 1;

    private final RunSnapshot whole = SampleRun.snapshot(ALL);
    private final RunSnapshot sum = SampleRun.snapshot(EVEN).plus(SampleRun.snapshot(ODD));

    @Test
    void theEvenAndOddArrivalsAddUpToTheWholeRunBucketForBucket() {
        Recording expected = whole.recording();
        Recording actual = sum.recording();

        assertThat(buckets(actual.corrected()))
                .isEqualTo(buckets(expected.corrected()))
                .isNotEmpty();
        assertThat(buckets(actual.service())).isEqualTo(buckets(expected.service()));
        assertThat(buckets(actual.lag())).isEqualTo(buckets(expected.lag()));
        assertThat(actual.corrected().summary()).isEqualTo(expected.corrected().summary());
        assertThat(actual.corrected().totalMicros())
                .isEqualTo(expected.corrected().totalMicros());
        for (int k = 0; k < expected.intervals().size(); k++) {
            assertThat(buckets(actual.intervals().get(k).corrected()))
                    .isEqualTo(buckets(expected.intervals().get(k).corrected()));
        }
        for (int k = 0; k < expected.intervals().size(); k++) {
            assertThat(buckets(actual.intervals().get(k).lag()))
                    .isEqualTo(buckets(expected.intervals().get(k).lag()));
        }
        for (PhaseSnapshot phase : expected.phases()) {
            assertThat(buckets(actual.phase(phase.name()).orElseThrow().corrected()))
                    .isEqualTo(buckets(phase.corrected()));
            assertThat(buckets(actual.phase(phase.name()).orElseThrow().lag())).isEqualTo(buckets(phase.lag()));
        }
        for (EndpointSnapshot endpoint : expected.endpoints()) {
            assertThat(buckets(actual.endpoint(endpoint.name()).orElseThrow().timeToHeaders()))
                    .isEqualTo(buckets(endpoint.timeToHeaders()));
        }
    }

    @Test
    void theSumEqualsTheWholeRunInEveryPart() {
        assertThat(sum.recording()).isEqualTo(whole.recording());
        assertThat(sum.accounting()).isEqualTo(whole.accounting());
        assertThat(sum).isEqualTo(whole);
        assertThat(sum.timeline()).isEqualTo(whole.timeline());
    }

    @Test
    void theSampleHasSomethingInEveryPartTheSumCovers() {
        Recording recording = whole.recording();

        assertThat(recording.warmupIterations()).isEqualTo(50);
        assertThat(recording.outcomes().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(350);
        // 503 on two endpoints; seven measured timeouts (i = 53, 106, …, 371), each with its own duration.
        assertThat(recording.errors()).hasSize(2 + 7);
        assertThat(recording.endpoints()).extracting(EndpointSnapshot::name).containsExactly("GET /a", "GET /b");
        assertThat(recording.phases()).extracting(PhaseSnapshot::name).containsExactly("steady", "spike", "cooldown");
        assertThat(recording.checks()).hasSize(1);
        assertThat(recording.statuses()).containsOnlyKeys(503);
        // Closed at 1, 2 and 3 s, and at the end, 4.037 s.
        assertThat(recording.intervals())
                .extracting(IntervalSnapshot::endSeconds)
                .containsExactly(1.0, 2.0, 3.0, 4.037);
    }

    @Test
    void intervalsAreMatchedByTheirPlaceInTheSharedSchedule() {
        LatencyDistribution none = LatencyDistribution.EMPTY;
        IntervalSnapshot first = new IntervalSnapshot(0, 1.002, 1, Map.of(), none, none, none);
        IntervalSnapshot late = new IntervalSnapshot(0, 1.6, 2, Map.of(), none, none, none);
        IntervalSnapshot skipped = new IntervalSnapshot(1.002, 3.001, 3, Map.of(), none, none, none);
        IntervalSnapshot last = new IntervalSnapshot(3.001, 3.05, 4, Map.of(), none, none, none);
        IntervalSnapshot second = new IntervalSnapshot(1.6, 2.0, 5, Map.of(), none, none, none);
        IntervalSnapshot third = new IntervalSnapshot(2.0, 3.2, 6, Map.of(), none, none, none);

        List<IntervalSnapshot> added =
                Recording.alignedSum(List.of(first, skipped, last), List.of(late, second, third), 1.0);

        // first and late (a tick 0.6 s late) end at place 1; second at 2; skipped and third at 3; last,
        // after place 3, at 4.
        assertThat(added).extracting(IntervalSnapshot::iterations).containsExactly(3L, 5L, 9L, 4L);
        assertThat(added.get(0).endSeconds()).isEqualTo(1.6);
        assertThat(added.get(2).startSeconds()).isEqualTo(1.002);
        assertThat(added.get(2).endSeconds()).isEqualTo(3.2);
    }

    @Test
    void generatorsOnDifferentJdksRunTheSamePlanAndTheSumSaysSo() {
        RunSnapshot virtual = withWorkers(SampleRun.snapshot(ODD), "virtual");

        RunSnapshot added = SampleRun.snapshot(EVEN).plus(virtual);

        assertThat(added.identity().configuration().workers()).isEqualTo("inline, virtual");
        assertThat(added.recording()).isEqualTo(whole.recording());
    }

    @Test
    void theSumKeepsAsManyEndpointNamesAsOneRunWouldAndTheRestTogether() {
        Recording one = endpoints("GET /one/", 60, 2);
        Recording other = endpoints("GET /other/", 60, 1);

        List<EndpointSnapshot> added = one.plus(other, 1.0).endpoints();

        // 100 of their own, the busiest first (all of /one/, 40 of /other/), and 20 together.
        assertThat(added).hasSize(LatencyRecorder.MAX_ENDPOINTS + 1);
        assertThat(added)
                .filteredOn(endpoint -> endpoint.name().startsWith("GET /one/"))
                .hasSize(60);
        assertThat(added)
                .filteredOn(endpoint -> endpoint.name().equals(LatencyRecorder.OTHER_ENDPOINTS))
                .singleElement()
                .extracting(EndpointSnapshot::requests)
                .isEqualTo(20L);
        assertThat(added.stream().mapToLong(EndpointSnapshot::requests).sum()).isEqualTo(60 * 2 + 60);
    }

    private static Recording endpoints(String prefix, int names, int requestsEach) {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < names; i++) {
            for (int r = 0; r < requestsEach; r++) {
                recorder.endpoint(prefix + String.format("%02d", i)).recordResponse(0, 1_000_000, 500_000, 200, 10);
            }
        }
        return recorder.recording();
    }

    private static RunSnapshot withWorkers(RunSnapshot snapshot, String workers) {
        LoadTestResult.Configuration c = snapshot.identity().configuration();
        RunSnapshot.RunIdentity identity = new RunSnapshot.RunIdentity(
                snapshot.identity().test(),
                new LoadTestResult.Configuration(
                        c.model(),
                        c.load(),
                        c.stages(),
                        c.durationSeconds(),
                        c.warmupSeconds(),
                        c.timeoutSeconds(),
                        c.maxInFlight(),
                        c.thinkTimeSeconds(),
                        c.thinkTimeMaxSeconds(),
                        c.durationScale(),
                        c.baseUrl(),
                        c.stubTarget(),
                        workers,
                        c.rateScale(),
                        c.overrides()),
                snapshot.identity().measuredWindowNanos(),
                snapshot.identity().intervalSeconds(),
                snapshot.identity().windowIntervals());
        return new RunSnapshot(
                identity,
                snapshot.start(),
                snapshot.end(),
                snapshot.accounting(),
                snapshot.recording(),
                snapshot.generator(),
                snapshot.target(),
                snapshot.shards());
    }

    @Test
    void snapshotsOfDifferentPlansDoNotAdd() {
        RunSnapshot.RunIdentity identity = whole.identity();
        RunSnapshot other = new RunSnapshot(
                new RunSnapshot.RunIdentity(
                        "SampleRun.other",
                        identity.configuration(),
                        identity.measuredWindowNanos(),
                        identity.intervalSeconds(),
                        identity.windowIntervals()),
                whole.start(),
                whole.end(),
                whole.accounting(),
                whole.recording(),
                new LoadTestResult.GeneratorUsage(1, 1, 1),
                LoadTestResult.TargetUsage.NONE,
                List.of());

        assertThatThrownBy(() -> whole.plus(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot add snapshots of different plans");
    }

    /** Every bucket's value and count, in order. */
    private static List<List<Long>> buckets(LatencyDistribution distribution) {
        List<List<Long>> buckets = new ArrayList<>();
        for (HistogramIterationValue value : distribution.histogram().recordedValues()) {
            buckets.add(List.of(value.getValueIteratedTo(), value.getCountAtValueIteratedTo()));
        }
        return buckets;
    }
}
