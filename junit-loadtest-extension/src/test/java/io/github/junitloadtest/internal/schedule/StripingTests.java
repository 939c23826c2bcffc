package io.github.junitloadtest.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StripingTests {

    private static final long SECOND = 1_000_000_000L;
    private static final int ARRIVALS = 1_000_000;

    @Test
    void equalShardsTakeEveryNthArrival() {
        Striping four = Striping.equal(4);

        assertThat(LongStream.range(0, 12).map(four::ownerOf).toArray())
                .containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3);
        assertThat(LongStream.range(0, 3)
                        .map(local -> four.globalIndex(2, local))
                        .toArray())
                .containsExactly(2, 6, 10);
    }

    @Test
    void unevenShardsAreDealtAsK6DealsItsSegments() {
        // k6's own example: segments of 1/2, 1/4 and 1/4.
        Striping striping = new Striping(List.of(2, 1, 1));

        assertThat(LongStream.range(0, 4)
                        .map(local -> striping.globalIndex(0, local))
                        .toArray())
                .containsExactly(0, 2, 4, 6);
        assertThat(LongStream.range(0, 3)
                        .map(local -> striping.globalIndex(1, local))
                        .toArray())
                .containsExactly(1, 5, 9);
        assertThat(LongStream.range(0, 3)
                        .map(local -> striping.globalIndex(2, local))
                        .toArray())
                .containsExactly(3, 7, 11);
    }

    @Test
    void everyArrivalBelongsToExactlyOneShardForOneToEightShardsAndAnyWeights() {
        Random random = new Random(4711);
        for (int shards = 1; shards <= 8; shards++) {
            for (List<Integer> weights : List.of(equalWeights(shards), randomWeights(shards, random))) {
                Striping striping = new Striping(weights);
                BitSet seen = new BitSet(ARRIVALS);
                long total = 0;
                for (int shard = 0; shard < shards; shard++) {
                    long share = striping.share(shard, ARRIVALS);
                    long previous = -1;
                    for (long local = 0; local < share; local++) {
                        long global = striping.globalIndex(shard, local);
                        // Checked plainly: an assertion object per arrival would take seconds over 10^6 of them.
                        if (global <= previous
                                || global >= ARRIVALS
                                || striping.ownerOf(global) != shard
                                || seen.get((int) global)) {
                            fail(
                                    "%s: shard %d's arrival %d is global %d (previous %d, owner %d, taken before: %s)",
                                    weights,
                                    shard,
                                    local,
                                    global,
                                    previous,
                                    striping.ownerOf(global),
                                    global < ARRIVALS && seen.get((int) global));
                        }
                        seen.set((int) global);
                        previous = global;
                    }
                    total += share;
                }
                assertThat(total).as("%s", weights).isEqualTo(ARRIVALS);
                assertThat(seen.cardinality()).as("%s", weights).isEqualTo(ARRIVALS);
            }
        }
    }

    @Test
    void everyWindowOfABlocksLengthHoldsEachShardsWeight() {
        Random random = new Random(17);
        for (int shards = 1; shards <= 8; shards++) {
            List<Integer> weights = randomWeights(shards, random);
            Striping striping = new Striping(weights);
            int block = weights.stream().mapToInt(Integer::intValue).sum();
            for (int trial = 0; trial < 50; trial++) {
                long start = random.nextInt(ARRIVALS - block);
                long[] counts = new long[shards];
                for (long index = start; index < start + block; index++) {
                    counts[striping.ownerOf(index)]++;
                }
                assertThat(counts)
                        .as("%s from %d", weights, start)
                        .containsExactly(
                                weights.stream().mapToLong(Integer::longValue).toArray());
            }
        }
    }

    @Test
    void aShardsArrivalsAreDueExactlyWhenTheWholeSchedulesAre() {
        Schedule constant = new ArrivalSchedule(16.7, 60 * SECOND);
        Schedule staged = new StagedSchedule(List.of(
                new Stages.Stage("", 10 * SECOND, 0, 200),
                new Stages.Stage("spike", 5 * SECOND, 200, 200),
                new Stages.Stage("", 10 * SECOND, 200, 10)));
        for (Schedule whole : List.of(constant, staged)) {
            for (List<Integer> weights : List.of(List.of(1), List.of(1, 1, 1), List.of(3, 1, 2, 5))) {
                Striping striping = new Striping(weights);
                List<Long> union = new ArrayList<>();
                long sizes = 0;
                for (int shard = 0; shard < weights.size(); shard++) {
                    ShardedSchedule part = new ShardedSchedule(whole, striping, shard);
                    sizes += part.size();
                    for (long local = 0; local < part.size(); local++) {
                        long intended = part.intendedStartNanos(local);
                        assertThat(intended).isEqualTo(whole.intendedStartNanos(striping.globalIndex(shard, local)));
                        union.add(intended);
                    }
                    for (long offset : new long[] {0, 1, SECOND, 7 * SECOND + 3, whole.lengthNanos()}) {
                        long direct = LongStream.range(0, part.size())
                                .filter(local -> part.intendedStartNanos(local) < offset)
                                .count();
                        assertThat(part.countBefore(offset))
                                .as("before %d ns", offset)
                                .isEqualTo(direct);
                    }
                }
                assertThat(sizes).isEqualTo(whole.size());
                assertThat(union.stream().sorted().toList())
                        .isEqualTo(LongStream.range(0, whole.size())
                                .map(whole::intendedStartNanos)
                                .boxed()
                                .toList());
            }
        }
    }

    @Test
    void countsSplitBySharesThatAddUpAndNeverShrink() {
        Striping striping = new Striping(List.of(2, 1, 1));

        // 1 → 1, 0, 0; 2 → 1, 1, 0; 3 → 2, 1, 0; 4 → 2, 1, 1, as k6's ScaleInt64 splits them.
        assertThat(List.of(striping.share(0, 3), striping.share(1, 3), striping.share(2, 3)))
                .containsExactly(2L, 1L, 0L);
        Random random = new Random(5);
        for (int shards = 1; shards <= 8; shards++) {
            Striping any = new Striping(randomWeights(shards, random));
            long[] previous = new long[shards];
            for (long count = 0; count <= 1000; count++) {
                long sum = 0;
                for (int shard = 0; shard < shards; shard++) {
                    long share = any.share(shard, count);
                    assertThat(share).isGreaterThanOrEqualTo(previous[shard]);
                    previous[shard] = share;
                    sum += share;
                }
                assertThat(sum).isEqualTo(count);
            }
        }
    }

    @Test
    void weightsMustBePositive() {
        assertThatThrownBy(() -> new Striping(List.of(1, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Striping(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Integer> equalWeights(int shards) {
        return java.util.Collections.nCopies(shards, 1);
    }

    private static List<Integer> randomWeights(int shards, Random random) {
        List<Integer> weights = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            weights.add(1 + random.nextInt(7));
        }
        return weights;
    }
}
