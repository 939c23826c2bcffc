package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feed of records used once, at 1000 req/s over many workers: every record goes out exactly once. */
@Tag("stress")
class FeedStressTests {

    @TempDir
    Path reports;

    @Test
    void atAThousandRequestsASecondEveryRecordOfAOnceEachFeedIsSentExactlyOnce() {
        try (LoopbackServer server = LoopbackServer.start()) {
            Engine.run(ThousandTestCase.class, server.baseUrl(), reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1).failed(0));

            assertThat(server.seenPaths())
                    .hasSize(3000)
                    .doesNotHaveDuplicates()
                    .allMatch(path -> path.startsWith("/records/"));
        }
    }

    static class ThousandTestCase {
        static List<Integer> records() {
            return IntStream.range(0, 3000).boxed().toList();
        }

        @LoadTest(rps = 1000, duration = "3s", maxInFlight = 64)
        @ErrorRateBelow(0)
        void thousand(LoadHttp http, @Feed(method = "records", mode = Feed.Mode.ONCE) LoadFeed<Integer> records) {
            http.get("/records/{n}", records.next()).expectStatus(200);
        }
    }
}
