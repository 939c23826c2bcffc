package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.api.LoadShard;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.schedule.Striping;

/**
 * A plan's {@link LoadShard}: its shard, or shard 0 of 1 when the JVM sends the whole load, or a
 * merge, which is no shard's first.
 */
public final class ShardView implements LoadShard {

    private final int index;
    private final String runId;
    private final Striping striping;
    private final boolean merging;

    private ShardView(int index, String runId, Striping striping, boolean merging) {
        this.index = index;
        this.runId = runId;
        this.striping = striping;
        this.merging = merging;
    }

    /** The shard of a plan. */
    public static LoadShard of(LoadPlan plan) {
        if (plan.role() instanceof LoadPlan.Shard shard) {
            return new ShardView(shard.index(), shard.runId(), new Striping(shard.weights()), false);
        }
        if (plan.role() instanceof LoadPlan.Merge merge) {
            return new ShardView(0, merge.runId().orElse(""), Striping.equal(1), true);
        }
        return new ShardView(0, "", Striping.equal(1), false);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int count() {
        return striping.shards();
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public boolean isFirst() {
        return index == 0 && !merging;
    }

    @Override
    public boolean isMerge() {
        return merging;
    }

    @Override
    public boolean owns(long item) {
        if (item < 0) {
            throw new IllegalArgumentException("items are numbered from 0, but was " + item);
        }
        return striping.ownerOf(item) == index;
    }

    @Override
    public String toString() {
        return (merging ? "merge" : "shard " + index + "/" + count()) + (runId.isEmpty() ? "" : " of run " + runId);
    }
}
