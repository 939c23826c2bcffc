package io.github.junitloadtest.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.junitloadtest.api.Feed;
import io.github.junitloadtest.api.LoadFeed;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.schedule.Striping;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** A feed's records handed out from many threads at once, and dealt between shards. */
class FeedsTests {

    private static final int THREADS = 8;
    private static final int EACH = 5_000;

    @Test
    void onceEachHandsEveryRecordExactlyOnceAcrossThreadsAndThenRunsOut() throws Exception {
        List<Object> records = numbers(THREADS * EACH);
        LoadFeed<Object> feed = feedOf(plan(Feed.Mode.ONCE, records, LoadPlan.Role.WHOLE));
        Map<Object, Integer> seen = new ConcurrentHashMap<>();

        AtomicInteger exhausted = takeFromThreads(feed, EACH + 1, record -> seen.merge(record, 1, Integer::sum));

        assertThat(seen)
                .hasSize(THREADS * EACH)
                .allSatisfy((record, times) -> assertThat(times).isOne());
        // Each thread asked once more than its share, and every one of those found the feed empty.
        assertThat(exhausted).hasValue(THREADS);
    }

    @Test
    void circularHandsEveryRecordEquallyOftenAcrossThreads() throws Exception {
        LoadFeed<Object> feed = feedOf(plan(Feed.Mode.CIRCULAR, numbers(7), LoadPlan.Role.WHOLE));
        Map<Object, Integer> seen = new ConcurrentHashMap<>();

        takeFromThreads(feed, 7 * 1000, record -> seen.merge(record, 1, Integer::sum));

        assertThat(seen)
                .hasSize(7)
                .allSatisfy((record, times) -> assertThat(times).isEqualTo(THREADS * 1000));
    }

    @Test
    void eachShardTakesTheRecordsDealtToItAsArrivalsAreDealt() {
        List<Object> records = numbers(10);
        List<List<Object>> parts = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            LoadFeed<Object> feed = feedOf(plan(Feed.Mode.ONCE, records, shard(index, List.of(2, 1, 1))));
            List<Object> part = new ArrayList<>();
            for (int i = 0; i < feed.size(); i++) {
                part.add(feed.next());
            }
            parts.add(part);
        }

        // Every record goes to exactly one shard, by the weights, and to the shard that owns its number as
        // LoadShard.owns says, so set-up code can prepare the same records.
        assertThat(parts).extracting(List::size).containsExactly(5, 3, 2);
        assertThat(parts.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(records);
        Striping striping = new Striping(List.of(2, 1, 1));
        for (int index = 0; index < 3; index++) {
            int shard = index;
            assertThat(parts.get(index))
                    .containsExactlyElementsOf(records.stream()
                            .filter(record -> striping.ownerOf((Integer) record) == shard)
                            .toList());
        }
    }

    @Test
    void aShardLeftWithoutARecordIsAConfigurationError() {
        assertThatThrownBy(() -> new Feeds(plan(Feed.Mode.CIRCULAR, numbers(2), shard(2, List.of(1, 1, 1)))))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Configuration error: @Feed users.csv of FeedsTests.run has 2 records, too few for shard 2"
                        + " of 3 to take one of its own; give it at least as many records as there are shards.");
    }

    /** Takes records on {@value #THREADS} threads started together; counts the takes that found the feed empty. */
    private static AtomicInteger takeFromThreads(
            LoadFeed<Object> feed, int perThread, java.util.function.Consumer<Object> sink) throws Exception {
        AtomicInteger exhausted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        try {
                            sink.accept(feed.next());
                        } catch (LoadFeed.ExhaustedException empty) {
                            exhausted.incrementAndGet();
                        }
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return exhausted;
    }

    private static LoadFeed<Object> feedOf(LoadPlan plan) {
        return new Feeds(plan).of(0).orElseThrow();
    }

    private static List<Object> numbers(int count) {
        return Collections.unmodifiableList(IntStream.range(0, count).boxed().collect(Collectors.toList()));
    }

    private static LoadPlan.Shard shard(int index, List<Integer> weights) {
        return new LoadPlan.Shard(index, weights, "r1", Instant.EPOCH, Duration.ofSeconds(1), false);
    }

    private static LoadPlan plan(Feed.Mode mode, List<Object> records, LoadPlan.Role role) {
        LoadPlan base = LoadPlan.constantRate(
                "FeedsTests.run",
                10,
                Duration.ofSeconds(1),
                Duration.ZERO,
                Duration.ofSeconds(5),
                10,
                Optional.empty(),
                List.of(),
                Path.of("target/loadtest"));
        return new LoadPlan(
                base.testId(),
                base.model(),
                base.stages(),
                base.warmup(),
                base.timeout(),
                base.maxInFlight(),
                base.thinkTime(),
                base.thinkTimeMax(),
                base.durationScale(),
                base.rateScale(),
                base.baseUrl(),
                base.stubTarget(),
                base.thresholds(),
                base.rules(),
                base.interval(),
                base.reportDir(),
                base.safety(),
                base.warmGenerator(),
                role,
                base.regressions(),
                base.capacity(),
                base.headers(),
                base.overrides(),
                List.of(new LoadPlan.FeedSource(0, "users.csv", mode, records)),
                Optional.empty(),
                LoadPlan.LiveMetrics.NONE);
    }
}
