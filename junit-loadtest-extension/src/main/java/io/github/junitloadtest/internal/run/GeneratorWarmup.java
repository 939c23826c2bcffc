package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadResponse;
import io.github.junitloadtest.internal.execute.DispatchResult;
import io.github.junitloadtest.internal.execute.IterationDispatcher;
import io.github.junitloadtest.internal.execute.Workers;
import io.github.junitloadtest.internal.http.DefaultLoadHttp;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.schedule.ArrivalSchedule;
import io.github.junitloadtest.internal.schedule.NanoClock;
import io.github.junitloadtest.internal.schedule.Pacer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Brings the generator's own code to steady state before a JVM's first load: the JDK HTTP client,
 * the dispatcher and workers, recording, and response checks and JSON parsing, all driven against
 * an in-process loopback server of its own. Nothing is sent to the target. The test body's
 * reflective call is left cold: warming it through a method of ours made a later body's call fail
 * once with a bare {@code InvocationTargetException} on JDK 25. Without it, class loading and compilation of these paths land in the first second
 * of the first load test and a short test's percentiles measure the generator's cold start.
 */
public final class GeneratorWarmup {

    /**
     * What a warm-up did.
     *
     * @param requests requests sent to the loopback server
     * @param elapsed how long it took
     */
    public record Result(long requests, Duration elapsed) {}

    /** The most a warm-up may take; it ends earlier once two rounds in a row agree. */
    static final Duration BUDGET = Duration.ofMillis(1500);

    /** Arrivals per round, and their rate: fast enough to exercise concurrency, light for two cores. */
    static final int ROUND_ARRIVALS = 200;
    static final double ROUND_RPS = 1000;

    /** Compilation is per JVM, so one warm-up serves every load test that runs in it. */
    private static final AtomicBoolean WARMED = new AtomicBoolean();

    private GeneratorWarmup() {}

    /**
     * Warms the generator if no load test of this JVM has done so yet.
     *
     * @param plan the first load test's plan, for its TLS setting
     * @return what the warm-up did, or empty when this JVM was warm already
     * @throws InterruptedException when the test's thread is interrupted meanwhile
     */
    public static Optional<Result> onceForThisJvm(LoadPlan plan) throws InterruptedException {
        if (!plan.warmGenerator() || !WARMED.compareAndSet(false, true)) {
            return Optional.empty();
        }
        return Optional.of(run(plan.safety().insecureTls(), BUDGET));
    }

    /**
     * Runs rounds against a loopback server until two rounds in a row agree or the budget is spent.
     *
     * @param insecureTls whether the load's client trusts every certificate, so the same client set-up is warmed
     * @param budget the most time to spend
     * @return what it did
     * @throws InterruptedException when the calling thread is interrupted meanwhile
     */
    static Result run(boolean insecureTls, Duration budget) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        List<Double> p90s = new ArrayList<>();
        long requests = 0;
        try (WarmupServer server = new WarmupServer()) {
            while (System.nanoTime() - deadline < 0) {
                DispatchResult round = round(server, insecureTls, p90s);
                requests += round.sent();
                if (round.interrupted() || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("interrupted while the load generator warmed up");
                }
                if (settled(p90s)) {
                    break;
                }
            }
        } catch (IOException noLoopbackPort) {
            throw new IllegalStateException("could not open a loopback port to warm the load generator", noLoopbackPort);
        }
        return new Result(requests, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Two rounds in a row within 25 % (or 0.5 ms) of each other, after at least three. */
    static boolean settled(List<Double> p90s) {
        int n = p90s.size();
        if (n < 3) {
            return false;
        }
        double last = p90s.get(n - 1);
        double before = p90s.get(n - 2);
        return Math.abs(last - before) <= Math.max(0.5, 0.25 * before);
    }

    private static DispatchResult round(WarmupServer server, boolean insecureTls, List<Double> p90s) {
        LatencyRecorder recorder = new LatencyRecorder();
        IterationContext context = new IterationContext();
        NanoClock clock = NanoClock.SYSTEM;
        LoadPlan.Safety safety = new LoadPlan.Safety(List.of(), 0, LoadPlan.Safety.DEFAULT_MAX_BODY_BYTES,
                insecureTls, Set.of());
        DispatchResult result;
        try (DefaultLoadHttp http = new DefaultLoadHttp(Optional.of(server.baseUrl()), Duration.ofSeconds(5),
                "the load generator's warm-up", recorder, context, clock, Set.of(), safety);
                Workers workers = Workers.forThisJvm(32)) {
            result = new IterationDispatcher(new ArrivalSchedule(ROUND_RPS, (long) (ROUND_ARRIVALS * 1e9 / ROUND_RPS)),
                    Duration.ZERO, 32, Duration.ofSeconds(5), clock, Pacer.parking(clock), workers, recorder, context)
                    .run(() -> iteration(http));
        }
        recorder.harvest();
        p90s.add(recorder.serviceTime().percentileMillis(90));
        return result;
    }

    /** One iteration, as a test body would write it: a request, its checks and its JSON. */
    private static void iteration(LoadHttp http) {
        LoadResponse response = http.get("/warmup/{id}", "item").expectStatus(200).expectJson();
        response.check("is JSON", LoadResponse::isJson);
        response.expectBody("names the first", body -> body.contains("first"));
    }
}
