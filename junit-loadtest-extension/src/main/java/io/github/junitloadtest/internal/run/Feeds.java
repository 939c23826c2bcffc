package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.api.Feed;
import io.github.junitloadtest.api.LoadFeed;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.schedule.Striping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** One run's feeds, by parameter position, and whether a feed of records used once has run out. */
final class Feeds {

    private final Map<Integer, OneFeed<Object>> byParameter = new TreeMap<>();
    private volatile @Nullable String exhausted;

    /**
     * The plan's feeds, each with the records of this generator: all of them, or a shard's own.
     *
     * @param plan the plan
     */
    Feeds(LoadPlan plan) {
        Optional<Striping> striping = plan.role() instanceof LoadPlan.Shard shard
                ? Optional.of(new Striping(shard.weights()))
                : Optional.empty();
        int index = plan.role() instanceof LoadPlan.Shard shard ? shard.index() : 0;
        for (LoadPlan.FeedSource source : plan.feeds()) {
            List<Object> records = source.records();
            if (striping.isPresent()) {
                List<Object> own = new ArrayList<>();
                for (int i = 0; i < records.size(); i++) {
                    if (striping.get().ownerOf(i) == index) {
                        own.add(records.get(i));
                    }
                }
                records = own;
                if (records.isEmpty()) {
                    throw new ExtensionConfigurationException("Configuration error: @Feed " + source.name() + " of "
                            + plan.testId() + " has " + source.records().size() + " records, too few for shard "
                            + index + " of " + striping.get().shards() + " to take one of its own; give it at least"
                            + " as many records as there are shards.");
                }
            }
            byParameter.put(source.parameter(), new OneFeed<>(source.name(), source.mode(), records, this));
        }
    }

    /** The feed of a parameter, or empty when it is not one. */
    Optional<LoadFeed<Object>> of(int parameter) {
        return Optional.ofNullable(byParameter.get(parameter));
    }

    /** Why the run must stop, once a feed of records used once ran out. */
    Optional<String> exhausted() {
        return Optional.ofNullable(exhausted);
    }

    private void ranOut(String message) {
        if (exhausted == null) {
            exhausted = message;
        }
    }

    /** One feed: an index shared by every worker, moved on with one atomic add per record. */
    private static final class OneFeed<T> implements LoadFeed<T> {
        private final String name;
        private final Feed.Mode mode;
        private final List<T> records;
        private final Feeds feeds;
        private final AtomicLong next = new AtomicLong();

        OneFeed(String name, Feed.Mode mode, List<T> records, Feeds feeds) {
            this.name = name;
            this.mode = mode;
            this.records = List.copyOf(records);
            this.feeds = feeds;
        }

        @Override
        public T next() {
            int size = records.size();
            switch (mode) {
                case RANDOM -> {
                    return records.get(ThreadLocalRandom.current().nextInt(size));
                }
                case ONCE -> {
                    long taken = next.getAndIncrement();
                    if (taken >= size) {
                        String message = "feed " + name + " ran out after its " + size + " records (Feed.Mode.ONCE)"
                                + " before the load ended; give it more records, or use Feed.Mode.CIRCULAR";
                        feeds.ranOut(message);
                        throw new ExhaustedException(message);
                    }
                    return records.get((int) taken);
                }
                default -> {
                    return records.get((int) Math.floorMod(next.getAndIncrement(), (long) size));
                }
            }
        }

        @Override
        public int size() {
            return records.size();
        }

        @Override
        public String toString() {
            return "feed " + name + " (" + records.size() + " records, " + mode + ")";
        }
    }
}
