package io.github.junitloadtest.bench;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.NoRegression;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.evaluate.RegressionEvaluator;
import io.github.junitloadtest.internal.evaluate.RunEvaluator;
import io.github.junitloadtest.internal.evaluate.Verdict;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.Regression;
import io.github.junitloadtest.internal.record.Accounting;
import io.github.junitloadtest.internal.record.BaselineRun;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.record.Recording;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.internal.report.SnapshotFile;
import io.github.junitloadtest.internal.run.LoadRun;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmarks run by hand (see docs/benchmarks.md and bench/run.sh).
 *
 * <pre>
 * bare-send  URL THREADS SECONDS      blocking send() in a loop on THREADS platform threads
 * bare-async URL IN_FLIGHT SECONDS    sendAsync() with IN_FLIGHT requests outstanding
 * engine     URL RPS SECONDS IN_FLIGHT [WARMUP]   the load-test engine, open model, full recording;
 *                                      SECONDS are measured after WARMUP seconds (default 0)
 * junit      URL MODEL SECONDS       a {@code @LoadTest} of {@link JunitPathBench} run through the JUnit Platform's
 *                                      launcher, as a build or an IDE runs it: MODEL {@code closed50} (50 users) or
 *                                      {@code open50} (100 000 req/s, 50 in flight), one LoadHttp GET per iteration,
 *                                      SECONDS measured (after a 3 s warm-up for closed50); prints the result's
 *                                      rates and pacing
 * heap       ITERATIONS RPS           the engine with an empty body; heap after GC at the end
 * snapshot   SECONDS RPS              a recorder fed SECONDS one-second intervals of RPS latencies (log-normal,
 *                                      median 20 ms; lag exponential, mean 0.2 ms; on a manual clock); heap after
 *                                      GC and the snapshot file's size
 * regression DELAY_MS RPS SECONDS BASELINES SAME SLOWDOWNS RUNS
 *                                      the regression gate's defaults (p95, 10 %, 99 %) against a loopback server
 *                                      answering after DELAY_MS: BASELINES recorded runs, SAME identical runs
 *                                      (false alarms), then RUNS runs at each slowdown of SLOWDOWNS (percent,
 *                                      comma-separated; detections)
 * </pre>
 */
public final class LoadBench {

    private LoadBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "bare-send" -> bareSend(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "bare-async" -> bareAsync(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "engine" ->
                engine(
                        args[1],
                        Double.parseDouble(args[2]),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]),
                        args.length > 5 ? Integer.parseInt(args[5]) : 0);
            case "junit" -> JunitPathBench.run(args[1], args[2], Integer.parseInt(args[3]));
            case "heap" -> heap(Long.parseLong(args[1]), Double.parseDouble(args[2]));
            case "snapshot" -> snapshot(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "regression" ->
                regression(
                        Double.parseDouble(args[1]),
                        Double.parseDouble(args[2]),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]),
                        args[6],
                        Integer.parseInt(args[7]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    private static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static void bareSend(URI uri, int threads, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().build();
        LongAdder done = new LongAdder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        HttpRequest request = request(uri);
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        done.increment();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30, TimeUnit.SECONDS);
        System.out.printf(
                Locale.ROOT, "bare-send threads=%d rate=%.0f req/s%n", threads, done.sum() / (double) seconds);
    }

    private static void bareAsync(URI uri, int inFlight, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().build();
        LongAdder done = new LongAdder();
        Semaphore permits = new Semaphore(inFlight);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        HttpRequest request = request(uri);
        while (System.nanoTime() < deadline) {
            permits.acquire();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
                if (failure == null) {
                    done.increment();
                }
                permits.release();
            });
        }
        permits.acquire(inFlight);
        System.out.printf(
                Locale.ROOT, "bare-async inFlight=%d rate=%.0f req/s%n", inFlight, done.sum() / (double) seconds);
    }

    private static void regression(
            double delayMillis, double rps, int seconds, int baselines, int same, String slowdowns, int runs)
            throws Exception {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs and add ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        double[] delay = {delayMillis};
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 200);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            java.util.concurrent.locks.LockSupport.parkNanos((long) (delay[0] * 1e6));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 2);
            try (java.io.OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Regression check =
                    new Regression(NoRegression.Metric.P95, 0.1, Duration.ofMillis(5), 0.99, "bench", 5, 3, false, 0);
            LoadPlan plan = plan(url, rps, Duration.ofSeconds(seconds), Duration.ZERO, 200)
                    .with(new Regression.Gate(
                            List.of(check),
                            Path.of("target/bench-baselines"),
                            Regression.RecordPolicy.NEVER,
                            true,
                            Optional.of("bench")));
            runOnce(plan); // the JVM's cold start, as the extension's own warm-up would take it
            List<BaselineRun> recorded = new java.util.ArrayList<>();
            for (int i = 0; i < baselines; i++) {
                RunSnapshot snapshot = runOnce(plan);
                recorded.add(0, new BaselineRun(Instant.now(), "", "bench", true, snapshot));
                System.out.printf(
                        Locale.ROOT,
                        "regression baseline %d: p95 %.3f ms%n",
                        i + 1,
                        snapshot.recording().corrected().percentileMillis(95));
            }
            List<BaselineRun> history = List.copyOf(recorded);
            tally("same", plan, history, same, delay, delayMillis);
            for (String slowdown : slowdowns.split(",")) {
                double percent = Double.parseDouble(slowdown.strip());
                tally("+" + slowdown.strip() + " %", plan, history, runs, delay, delayMillis * (1 + percent / 100));
            }
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static void tally(
            String what, LoadPlan plan, List<BaselineRun> history, int runs, double[] delay, double millis) {
        delay[0] = millis;
        java.util.Map<RegressionEvaluator.Verdict, Integer> counts =
                new java.util.EnumMap<>(RegressionEvaluator.Verdict.class);
        for (int i = 0; i < runs; i++) {
            RunSnapshot snapshot = runOnce(plan);
            Verdict verdict = RunEvaluator.verdict(
                    plan, snapshot, java.util.Map.of("bench", new BaselineRun.History(history, "in memory", "bench")));
            String outcome = verdict.comparisons().get(0).verdict();
            counts.merge(RegressionEvaluator.Verdict.valueOf(outcome.toUpperCase(Locale.ROOT)), 1, Integer::sum);
            System.out.printf(
                    Locale.ROOT,
                    "regression %s run %d: %s%n",
                    what,
                    i + 1,
                    verdict.comparisons().get(0).message());
        }
        System.out.printf(Locale.ROOT, "regression %s (server %.2f ms): %s of %d runs%n", what, millis, counts, runs);
    }

    private static RunSnapshot runOnce(LoadPlan plan) {
        try (LoadRun run = new LoadRun(plan, "[LoadBench.regression]")) {
            LoadHttp http = run.http();
            return run.execute(() -> http.get("/")).snapshot();
        }
    }

    private static LoadPlan plan(String url, double rps, Duration duration, Duration warmup, int inFlight) {
        return LoadPlan.constantRate(
                "LoadBench.engine",
                rps,
                duration.plus(warmup),
                warmup,
                Duration.ofSeconds(30),
                inFlight,
                url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url)),
                List.of(),
                Path.of("target/loadtest"));
    }

    private static void engine(String url, double rps, int measuredSeconds, int inFlight, int warmupSeconds) {
        int seconds = measuredSeconds + warmupSeconds;
        AtomicLongArray perSecond = new AtomicLongArray(seconds + 2);
        long[] start = {0};
        LoadTestResult result;
        long allocatedBefore;
        long allocatedAfter;
        try (LoadRun run = new LoadRun(
                plan(url, rps, Duration.ofSeconds(measuredSeconds), Duration.ofSeconds(warmupSeconds), inFlight),
                "[LoadBench.engine]")) {
            LoadHttp http = run.http();
            allocatedBefore = allocatedBytes();
            start[0] = System.nanoTime();
            result = run.execute(() -> {
                        int second = (int) ((System.nanoTime() - start[0]) / 1_000_000_000L);
                        perSecond.incrementAndGet(Math.min(second, seconds + 1));
                        http.get("/");
                    })
                    .result();
            allocatedAfter = allocatedBytes();
        }
        StringBuilder counts = new StringBuilder();
        for (int i = 0; i < seconds; i++) {
            counts.append(i == 0 ? "" : " ").append(perSecond.get(i));
        }
        System.out.printf(
                Locale.ROOT,
                "engine rps=%.0f inFlight=%d warmup=%ds workers=%s achieved=%.0f throughput=%.0f req/s"
                        + " sent=%d dropped=%d late=%d failed=%d%n",
                rps,
                inFlight,
                warmupSeconds,
                result.configuration().workers(),
                result.achievedRps(),
                result.throughputRps(),
                result.counts().sent(),
                result.counts().dropped(),
                result.counts().late(),
                result.counts().failed());
        System.out.printf(
                Locale.ROOT,
                "engine lag p50=%.3f p99=%.3f max=%.3f ms; corrected p50=%.3f p99=%.3f ms;"
                        + " service p50=%.3f p99=%.3f ms%n",
                result.schedulingLag().p50Millis(),
                result.schedulingLag().p99Millis(),
                result.schedulingLag().maxMillis(),
                result.corrected().p50Millis(),
                result.corrected().p99Millis(),
                result.serviceTime().p50Millis(),
                result.serviceTime().p99Millis());
        System.out.println("engine arrivals per second: " + counts);
        System.out.printf(
                Locale.ROOT,
                "engine allocated %.0f bytes per request (%s), %.1f MiB in all%n",
                (allocatedAfter - allocatedBefore)
                        / (double) Math.max(1, result.counts().requestsSent()),
                TOTAL_ALLOCATED == null ? "threads alive at the end" : "every thread",
                (allocatedAfter - allocatedBefore) / 1048576.0);
        result.errors().stream().limit(3).forEach(error -> System.out.println("engine error: " + error));
    }

    /** The JVM's own count of every thread's allocation, on JDK 21 and later; null before. */
    private static final java.lang.reflect.Method TOTAL_ALLOCATED = totalAllocated();

    private static java.lang.reflect.Method totalAllocated() {
        try {
            return com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
        } catch (NoSuchMethodException beforeJdk21) {
            return null;
        }
    }

    /**
     * Heap bytes allocated so far: by every thread where the JVM counts them (JDK 21+), else by the
     * threads alive now, which are the engine's workers and its scheduler during a run.
     */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (TOTAL_ALLOCATED != null) {
            try {
                return (long) TOTAL_ALLOCATED.invoke(threads);
            } catch (ReflectiveOperationException unavailable) {
                throw new IllegalStateException("could not read the JVM's allocation count", unavailable);
            }
        }
        long sum = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, allocated);
        }
        return sum;
    }

    private static void heap(long iterations, double rps) {
        Duration duration = Duration.ofNanos((long) Math.ceil(iterations * 1e9 / rps));
        try (LoadRun run = new LoadRun(plan("", rps, duration, Duration.ZERO, 64), "[LoadBench.heap]")) {
            LoadTestResult result = run.execute(() -> {}).result();
            long used = usedHeapAfterGc();
            System.out.printf(
                    Locale.ROOT,
                    "heap iterations=%d achieved=%.0f req/s used-after-gc=%.1f MiB%n",
                    result.counts().sent(),
                    result.achievedRps(),
                    used / 1048576.0);
        }
    }

    private static void snapshot(int seconds, int rps) throws Exception {
        long before = usedHeapAfterGc();
        LatencyRecorder recorder = new LatencyRecorder();
        long second = 1_000_000_000L;
        recorder.start(0, 0);
        Random random = new Random(1);
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < rps; i++) {
                long intended = s * second + i * second / rps;
                long latency = (long) (Math.exp(random.nextGaussian() * 0.8 + Math.log(20e6)));
                long lag = (long) (-Math.log(1 - random.nextDouble()) * 200_000);
                recorder.recordIteration(intended, intended + lag, intended + lag + latency, Outcome.SUCCESS, null);
            }
            recorder.tick((s + 1) * second);
        }
        long during = usedHeapAfterGc();
        Recording recording = recorder.recording();
        RunSnapshot snapshot = new RunSnapshot(
                new RunSnapshot.RunIdentity(
                        "LoadBench.snapshot",
                        new LoadTestResult.Configuration(
                                "open",
                                rps + " req/s for " + seconds + " s",
                                List.of(),
                                seconds,
                                0,
                                30,
                                rps,
                                0,
                                0,
                                1,
                                "",
                                false,
                                "platform",
                                1,
                                List.of()),
                        seconds * second,
                        1,
                        5),
                Instant.EPOCH,
                Instant.EPOCH.plusSeconds(seconds),
                new Accounting(0, 0, 0, 0, 0, 0, false, "", 0, 0, 0, List.of(), List.of()),
                recording,
                new LoadTestResult.GeneratorUsage(0, 0, 1),
                LoadTestResult.TargetUsage.NONE,
                List.of());
        Path dir = Files.createTempDirectory("loadbench-snapshot");
        Path file = SnapshotFile.write(snapshot, dir, false);
        System.out.printf(
                Locale.ROOT,
                "snapshot seconds=%d rps=%d intervals=%d heap-growth=%.1f MiB (%.2f KiB per interval)"
                        + " file=%.1f KiB (%.2f KiB per interval)%n",
                seconds,
                rps,
                recording.intervals().size(),
                (during - before) / 1048576.0,
                (during - before) / 1024.0 / seconds,
                Files.size(file) / 1024.0,
                Files.size(file) / 1024.0 / seconds);
        Files.delete(file);
        Files.delete(file.getParent());
        Files.delete(dir);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
