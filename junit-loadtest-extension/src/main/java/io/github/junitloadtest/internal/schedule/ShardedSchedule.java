package io.github.junitloadtest.internal.schedule;

/**
 * One shard's part of a schedule: the arrivals it owns, each due at the time the whole schedule
 * gives it. A shard changes which arrivals it sends, never when one is due, so the shards' arrivals
 * together are exactly the one-generator schedule.
 */
public final class ShardedSchedule implements Schedule {

    private final Schedule whole;
    private final Striping striping;
    private final int shard;

    /**
     * The shard's part.
     *
     * @param whole the one-generator schedule
     * @param striping who owns which arrival
     * @param shard this generator's shard, from 0
     */
    public ShardedSchedule(Schedule whole, Striping striping, int shard) {
        if (shard < 0 || shard >= striping.shards()) {
            throw new IllegalArgumentException("shard " + shard + " of " + striping.shards());
        }
        this.whole = whole;
        this.striping = striping;
        this.shard = shard;
    }

    @Override
    public long intendedStartNanos(long index) {
        return whole.intendedStartNanos(striping.globalIndex(shard, index));
    }

    @Override
    public long size() {
        return striping.share(shard, whole.size());
    }

    @Override
    public long lengthNanos() {
        return whole.lengthNanos();
    }

    @Override
    public long countBefore(long offsetNanos) {
        return striping.share(shard, whole.countBefore(offsetNanos));
    }
}
