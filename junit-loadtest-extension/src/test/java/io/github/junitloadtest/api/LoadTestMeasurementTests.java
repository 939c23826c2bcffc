package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.junitloadtest.internal.report.JsonReportWriter;
import io.github.junitloadtest.support.Engine;
import io.github.junitloadtest.support.LoopbackServer;
import io.github.junitloadtest.support.RawDelayServer;
import io.github.junitloadtest.support.Threads;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/**
 * Load tests against a loopback server with known delays, in real time. Bounds are wide enough not
 * to flake on a busy two-core machine.
 */
class LoadTestMeasurementTests {

    static LoopbackServer server;

    @TempDir
    Path reports;

    private LoadTestResult resultOf(Class<?> fixture, String method) {
        String id = "LoadTestMeasurementTests." + fixture.getSimpleName() + "." + method;
        return JsonReportWriter.read(reports.resolve(id + ".json"));
    }

    @Test
    void aFixedTwentyMillisecondDelayIsReportedAsWhatABareClientSeesNeverLess() throws Exception {
        try (RawDelayServer slow = RawDelayServer.start(20)) {
            Engine.run(FixedDelayTestCase.class, slow.baseUrl(), reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));
            // The JDK client alone costs one to two milliseconds per request at this rate on this kind of machine;
            // measured here, under the same load, it is the baseline the engine must not add much to.
            double bareP50 = bareClientMedianMillis(slow.baseUrl());

            LoadTestResult result = resultOf(FixedDelayTestCase.class, "fixedDelay");
            assertThat(result.corrected().p50Millis())
                    .isGreaterThanOrEqualTo(20.0)
                    .isLessThanOrEqualTo(bareP50 + 3);
            assertThat(result.serviceTime().p50Millis()).isGreaterThanOrEqualTo(20.0);
            assertThat(result.counts().warmup()).isEqualTo(50);
            assertThat(result.counts().measured()).isEqualTo(100);
        }
    }

    /** The median of 100 plain {@code HttpClient.send} calls at the same rate, after 50 to warm up. */
    private static double bareClientMedianMillis(String baseUrl) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/bare"))
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        long[] nanos = new long[150];
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(nanos.length);
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicReference<Exception> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        try {
            for (int i = 0; i < nanos.length; i++) {
                java.util.concurrent.locks.LockSupport.parkNanos(start + i * 20_000_000L - System.nanoTime());
                int index = i;
                pool.execute(() -> {
                    long sent = System.nanoTime();
                    try {
                        client.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                        nanos[index] = System.nanoTime() - sent;
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            // A baseline with failed or missing sends would read near zero and make the bound meaningless.
            assertThat(done.await(30, TimeUnit.SECONDS))
                    .as("every baseline request finished")
                    .isTrue();
            assertThat(failure.get()).as("a baseline request failed").isNull();
        } finally {
            pool.shutdownNow();
        }
        long[] measured = java.util.Arrays.copyOfRange(nanos, 50, nanos.length);
        java.util.Arrays.sort(measured);
        return measured[measured.length / 2] / 1e6;
    }

    @Test
    void aOneSecondFreezeShowsInCorrectedP99ButNotInServiceTimeP50() {
        try (LoopbackServer freezing = LoopbackServer.start()) {
            server = freezing;
            Engine.run(FreezeTestCase.class, freezing.baseUrl(), reports)
                    .testEvents()
                    .assertStatistics(stats -> stats.finished(1));

            LoadTestResult result = resultOf(FreezeTestCase.class, "freeze");
            assertThat(result.counts().sent()).isEqualTo(150);
            assertThat(result.counts().late()).isGreaterThan(25);
            assertThat(result.corrected().p99Millis()).isGreaterThan(800.0);
            assertThat(result.corrected().p90Millis()).isGreaterThan(300.0);
            assertThat(result.serviceTime().p50Millis()).isLessThan(100.0);
            assertThat(result.serviceTime().p99Millis()).isLessThan(500.0);
            assertThat(result.serviceTime().maxMillis()).isGreaterThan(800.0);
        } finally {
            server = null;
        }
    }

    @Test
    void aGeneratorThatCannotDeliverTheLoadSaysSoInsteadOfPassing() {
        try (LoopbackServer slow = LoopbackServer.start().delayMillis(200)) {
            EngineExecutionResults results = Engine.run(StarvedTestCase.class, slow.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("starved"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(m -> m.startsWith("Load generator delivered ")
                                                    && m.contains(" req/s of the 20 req/s requested (")
                                                    && m.contains("no verdict on the service.")
                                                    && m.contains("(maxInFlight = 1)")))));
            LoadTestResult result = resultOf(StarvedTestCase.class, "starved");
            assertThat(result.counts().dropped()).isPositive();
            assertThat(result.counts().sent() + result.counts().dropped())
                    .isEqualTo(result.counts().scheduled());
            assertThat(result.passed()).isFalse();
        }
    }

    @Test
    void arrivalsThatNeverGotAWorkerCountAsFailuresWithTheirWaitAsLatency() {
        try (LoopbackServer stuck = LoopbackServer.start().delayMillis(3000)) {
            Engine.run(NeverServedTestCase.class, stuck.baseUrl(), reports);

            LoadTestResult result = resultOf(NeverServedTestCase.class, "neverServed");
            LoadTestResult.Counts counts = result.counts();
            assertThat(counts.dropped()).isPositive();
            assertThat(counts.sent() + counts.dropped()).isEqualTo(counts.scheduled());
            assertThat(result.outcomes().get(Outcome.DROPPED)).isEqualTo(counts.dropped());
            assertThat(counts.measured()).isEqualTo(counts.scheduled());
            assertThat(result.corrected().count()).isEqualTo(counts.scheduled());
            assertThat(result.corrected().p50Millis()).isGreaterThan(500.0);
        }
    }

    @Test
    void anInterruptDuringTheDrainStillStopsTheRunAsInterrupted() throws Exception {
        try (LoopbackServer slow = LoopbackServer.start().delayMillis(5000)) {
            AtomicReference<EngineExecutionResults> results = new AtomicReference<>();
            Thread runner = new Thread(() -> results.set(Engine.run(DrainTestCase.class, slow.baseUrl(), reports)));
            runner.start();
            TimeUnit.MILLISECONDS.sleep(1000);
            long interruptedAt = System.nanoTime();
            runner.interrupt();
            runner.join(TimeUnit.SECONDS.toMillis(10));

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt))
                    .isLessThan(1000);
            results.get()
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("drained"),
                                    finishedWithFailure(
                                            instanceOf(InterruptedException.class),
                                            message(m -> m.contains("was interrupted")))));
            assertThat(Threads.leftoverLoadTestThreads()).isEmpty();
        }
    }

    @Test
    void requestsFromAnotherThreadTheBodyStartedAreRefusedNotSilentlyLost() {
        try (LoopbackServer quick = LoopbackServer.start()) {
            Engine.run(FanOutTestCase.class, quick.baseUrl(), reports);

            LoadTestResult result = resultOf(FanOutTestCase.class, "fanOut");
            assertThat(result.outcomes()).containsEntry(Outcome.EXCEPTION, 5L);
            // On JDK 25, in the whole module's run, one of the five is at times recorded as a bare
            // InvocationTargetException instead (an open defect); every one is still refused and counted.
            assertThat(result.errors())
                    .anySatisfy(
                            error -> assertThat(error.message()).contains("LoadHttp was used outside an iteration"));
            assertThat(result.errors())
                    .allSatisfy(error -> assertThat(error.outcome()).isEqualTo(Outcome.EXCEPTION));
            assertThat(quick.requests()).isZero();
        }
    }

    static class NeverServedTestCase {
        @LoadTest(rps = 20, duration = "1s", maxInFlight = 1, timeout = "10s")
        void neverServed(LoadHttp http) {
            http.get("/stuck");
        }
    }

    static class DrainTestCase {
        @LoadTest(rps = 10, duration = "200ms", timeout = "10s")
        void drained(LoadHttp http) {
            http.get("/slow");
        }
    }

    static class FanOutTestCase {
        @LoadTest(rps = 10, duration = "500ms")
        void fanOut(LoadHttp http) throws Exception {
            // A thread of its own rather than the common pool, which may have one thread on two cores.
            java.util.concurrent.FutureTask<LoadResponse> request =
                    new java.util.concurrent.FutureTask<>(() -> http.get("/quick"));
            new Thread(request, "fan-out").start();
            try {
                request.get();
            } catch (java.util.concurrent.ExecutionException failed) {
                throw new IllegalStateException(failed.getCause());
            }
        }
    }

    @Test
    void interruptingTheRunStopsItWithinASecondAndLeavesNoThreads() throws Exception {
        try (LoopbackServer quick = LoopbackServer.start()) {
            AtomicReference<EngineExecutionResults> results = new AtomicReference<>();
            Thread runner = new Thread(() -> results.set(Engine.run(LongRunTestCase.class, quick.baseUrl(), reports)));
            runner.start();
            TimeUnit.MILLISECONDS.sleep(1500);
            long interruptedAt = System.nanoTime();
            runner.interrupt();
            TimeUnit.MILLISECONDS.sleep(500);
            int requestsHalfASecondLater = quick.requests();
            runner.join(TimeUnit.SECONDS.toMillis(10));
            long stoppedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);

            assertThat(runner.isAlive()).isFalse();
            assertThat(stoppedMillis).isLessThan(1000);
            // Scheduling stopped within half a second: nothing reached the server after that.
            TimeUnit.MILLISECONDS.sleep(300);
            assertThat(quick.requests()).isEqualTo(requestsHalfASecondLater);
            results.get()
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("longRun"),
                                    finishedWithFailure(
                                            instanceOf(InterruptedException.class),
                                            message(m -> m.contains("was interrupted")))));
            LoadTestResult partial = resultOf(LongRunTestCase.class, "longRun");
            assertThat(partial.counts().sent()).isBetween(5L, 40L);
            assertThat(Threads.leftoverLoadTestThreads()).isEmpty();
        }
    }

    @Test
    void aFailingBodyIsAFailedIterationNotACrash() {
        try (LoopbackServer quick = LoopbackServer.start()) {
            EngineExecutionResults results = Engine.run(ThrowingBodyTestCase.class, quick.baseUrl(), reports);

            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test("throwing"),
                                    finishedWithFailure(
                                            instanceOf(AssertionFailedError.class),
                                            message(
                                                    "error rate 50 % exceeded 1 % (5 of 10 iterations failed: 5 EXCEPTION; 10 req/s for 1 s)"))));
            LoadTestResult result = resultOf(ThrowingBodyTestCase.class, "throwing");
            assertThat(result.errors()).singleElement().satisfies(error -> {
                assertThat(error.message()).isEqualTo("IllegalStateException: every other iteration breaks");
                assertThat(error.count()).isEqualTo(5);
            });
        }
    }

    @Test
    void twentyRunsInARowLeaveNoThreadOrFileDescriptorBehind() throws Exception {
        try (LoopbackServer quick = LoopbackServer.start()) {
            Engine.run(ShortTestCase.class, quick.baseUrl(), reports);
            long nonDaemonBefore = Threads.liveNonDaemonThreads();
            long descriptorsBefore = Threads.openFileDescriptors();
            for (int i = 0; i < 20; i++) {
                Engine.run(ShortTestCase.class, quick.baseUrl(), reports)
                        .testEvents()
                        .assertStatistics(stats -> stats.succeeded(1));
            }
            assertThat(quick.requests()).isEqualTo(21 * 5);
            assertThat(Threads.leftoverLoadTestThreads()).isEmpty();
            assertThat(Threads.liveNonDaemonThreads()).isLessThanOrEqualTo(nonDaemonBefore);
            // Every connection is closed with its test; a collection returns what the JDK keeps for closed channels.
            assertThat(Threads.openFileDescriptorsAfterGc(descriptorsBefore))
                    .isLessThanOrEqualTo(descriptorsBefore + 3);
        }
    }

    static class FixedDelayTestCase {
        @LoadTest(rps = 50, duration = "3s", warmup = "1s")
        void fixedDelay(LoadHttp http) {
            http.get("/fixed").expectStatus(200);
        }
    }

    static class FreezeTestCase {
        private final AtomicInteger arrivals = new AtomicInteger();

        // One worker: a client that waits for each answer would send nothing during the freeze and
        // report only one slow request; the schedule keeps counting the arrivals that should have gone out.
        @LoadTest(rps = 50, duration = "3s", maxInFlight = 1)
        void freeze(LoadHttp http) {
            if (arrivals.incrementAndGet() == 50) {
                server.freezeFor(1000);
            }
            http.get("/freeze").expectStatus(200);
        }
    }

    static class StarvedTestCase {
        @LoadTest(rps = 20, duration = "1s", maxInFlight = 1)
        void starved(LoadHttp http) {
            http.get("/slow");
        }
    }

    static class LongRunTestCase {
        @LoadTest(rps = 10, duration = "60s")
        void longRun(LoadHttp http) {
            http.get("/quick");
        }
    }

    static class ThrowingBodyTestCase {
        private final AtomicInteger iterations = new AtomicInteger();

        @LoadTest(rps = 10, duration = "1s")
        @ErrorRateBelow(1)
        void throwing(LoadHttp http) {
            http.get("/quick");
            if (iterations.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("every other iteration breaks");
            }
        }
    }

    static class ShortTestCase {
        @LoadTest(rps = 20, duration = "250ms")
        void quick(LoadHttp http) {
            http.get("/quick").expectStatus(200);
        }
    }
}
