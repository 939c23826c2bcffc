package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.FaultServer;
import io.github.junitloadtest.support.FaultServer.Fault;
import io.github.junitloadtest.support.Threads;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * After load tests that met body timeouts, resets, a request cap and an interrupt, one after the
 * other in one JVM, nothing of theirs is alive: no thread of the extension or of an HTTP client,
 * and no connection left open.
 */
class NothingOutlivesATestTests {

    @TempDir
    Path reports;

    @Test
    void sixLoadTestsOfEveryKindOfEndingLeaveNoThreadAndNoConnection() throws Exception {
        try (FaultServer first = FaultServer.start(Fault.NONE)) {
            // Loads the classes and the JDK's own lazily opened files first.
            Engine.runMethod(EndingsTestCase.class, "plain", first.baseUrl(), reports, Map.of());
        }
        long descriptorsBefore = Threads.openFileDescriptors();
        try (FaultServer stalling = FaultServer.start(Fault.STALL_MID_BODY);
                FaultServer endless = FaultServer.start(Fault.ENDLESS_BODY);
                FaultServer resetting = FaultServer.start(Fault.RESET_BEFORE_ANSWER);
                FaultServer quick = FaultServer.start(Fault.NONE)) {

            Engine.runMethod(EndingsTestCase.class, "plain", stalling.baseUrl(), reports, Map.of());
            Engine.runMethod(EndingsTestCase.class, "plain", endless.baseUrl(), reports, Map.of());
            Engine.runMethod(EndingsTestCase.class, "plain", resetting.baseUrl(), reports, Map.of());
            Engine.runMethod(EndingsTestCase.class, "capped", quick.baseUrl(), reports, Map.of());
            Engine.runMethod(EndingsTestCase.class, "plain", quick.baseUrl(), reports, Map.of());
            AtomicReference<EngineExecutionResults> interrupted = new AtomicReference<>();
            Thread runner = new Thread(() -> interrupted.set(
                    Engine.runMethod(EndingsTestCase.class, "longRun", stalling.baseUrl(), reports, Map.of())));
            runner.start();
            TimeUnit.MILLISECONDS.sleep(800);
            runner.interrupt();
            runner.join(TimeUnit.SECONDS.toMillis(10));

            assertThat(runner.isAlive()).as("the interrupted run ended").isFalse();
            assertThat(stalling.requests() + endless.requests() + resetting.requests())
                    .isPositive();
            List<String> left = leftoverThreads();
            assertThat(left)
                    .as("threads of the extension or of an HTTP client, 5 s after the last test")
                    .isEmpty();
        }
        // The servers' ends of the connections closed with the servers; the clients' ends with their tests. Counted
        // for the whole JVM, so what another thread of it opens or frees meanwhile is given a few seconds to settle.
        long descriptorsAfter = Threads.openFileDescriptorsAfterGc(descriptorsBefore + 2);
        assertThat(descriptorsAfter)
                .as(
                        "open file descriptors against %s before; open now: %s",
                        descriptorsBefore, Threads.openFileDescriptorTargets())
                .isLessThanOrEqualTo(descriptorsBefore + 2);
    }

    /** Threads named as the extension's or as the JDK HTTP client's, after up to 5 s for them to end. */
    private static List<String> leftoverThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("loadtest-") || name.startsWith("HttpClient-"))
                    .toList();
            if (alive.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return alive;
    }

    static class EndingsTestCase {

        @LoadTest(rps = 10, duration = "500ms", timeout = "300ms")
        void plain(LoadHttp http) {
            http.get("/api");
        }

        @LoadTest(rps = 40, duration = "1s", timeout = "300ms", maxRequests = 12)
        void capped(LoadHttp http) {
            http.get("/api");
        }

        @LoadTest(rps = 10, duration = "60s", timeout = "10s")
        void longRun(LoadHttp http) {
            http.get("/api");
        }
    }
}
