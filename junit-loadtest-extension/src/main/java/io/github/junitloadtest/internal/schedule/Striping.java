package io.github.junitloadtest.internal.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which load generator (shard) owns each of a schedule's arrivals, with integer weights: in every
 * block of {@code W = Σ weights} consecutive arrivals, shard {@code k} owns exactly {@code weights[k]},
 * spread out through the block. With equal weights, arrival {@code j} belongs to shard {@code j mod N}.
 *
 * <p>The block is dealt as k6 deals its execution segments: the shards in order of weight, the
 * heaviest first (ties by index), and position {@code p} of the block goes to the first of them that
 * has had fewer than {@code p·w/W} positions so far, counting a position due exactly at {@code p}. So
 * every shard computes the same pattern from the weights alone, and nothing needs coordinating.
 *
 * <p>Counts split by the same rule ({@link #share}): of {@code v} things, shard {@code k} gets those
 * at its positions among the first {@code v}, so the shares add up to {@code v} and grow with it.
 */
public final class Striping {

    private final int[] weights;
    private final int block;
    private final int[] owner;
    private final int[][] positions;

    /**
     * The striping of these weights.
     *
     * @param weights one per shard, each at least 1
     */
    public Striping(List<Integer> weights) {
        if (weights.isEmpty() || weights.stream().anyMatch(weight -> weight < 1)) {
            throw new IllegalArgumentException("weights must be one or more positive numbers, but were " + weights);
        }
        this.weights = weights.stream().mapToInt(Integer::intValue).toArray();
        this.block = IntStream.of(this.weights).sum();
        this.owner = new int[block];
        List<Integer> heaviestFirst = IntStream.range(0, this.weights.length)
                .boxed()
                .sorted(Comparator.comparingInt((Integer shard) -> -this.weights[shard]))
                .toList();
        long[] taken = new long[this.weights.length];
        List<List<Integer>> owned = new ArrayList<>();
        for (int shard = 0; shard < this.weights.length; shard++) {
            owned.add(new ArrayList<>());
        }
        for (int position = 0; position < block; position++) {
            for (int shard : heaviestFirst) {
                long due = taken[shard] * block;
                int weight = this.weights[shard];
                if (position > due / weight || (position == due / weight && due % weight == 0)) {
                    taken[shard]++;
                    owner[position] = shard;
                    owned.get(shard).add(position);
                    break;
                }
            }
        }
        this.positions = owned.stream()
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /** Equal weights for {@code count} shards: arrival {@code j} is shard {@code j mod count}'s. */
    public static Striping equal(int count) {
        return new Striping(java.util.Collections.nCopies(count, 1));
    }

    /** How many shards. */
    public int shards() {
        return weights.length;
    }

    /**
     * The shard that owns a global arrival.
     *
     * @param globalIndex zero-based, of the whole schedule
     * @return the shard, from 0
     */
    public int ownerOf(long globalIndex) {
        return owner[(int) (globalIndex % block)];
    }

    /**
     * A shard's {@code n}-th arrival, as an index of the whole schedule.
     *
     * @param shard the shard
     * @param localIndex zero-based, of the shard's own arrivals
     * @return the global index
     */
    public long globalIndex(int shard, long localIndex) {
        int weight = weights[shard];
        return localIndex / weight * block + positions[shard][(int) (localIndex % weight)];
    }

    /**
     * A shard's share of {@code count} things: those at its positions among the first {@code count}.
     *
     * @param shard the shard
     * @param count the whole, zero or more
     * @return the share; the shares of all shards add up to {@code count}
     */
    public long share(int shard, long count) {
        long share = count / block * weights[shard];
        long rest = count % block;
        for (int position : positions[shard]) {
            if (position < rest) {
                share++;
            }
        }
        return share;
    }
}
