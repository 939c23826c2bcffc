package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.api.LoadHttp;
import io.github.junitloadtest.api.LoadResponse;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.execute.DispatchResult;
import io.github.junitloadtest.internal.execute.IterationDispatcher;
import io.github.junitloadtest.internal.execute.Workers;
import io.github.junitloadtest.internal.http.DefaultLoadHttp;
import io.github.junitloadtest.internal.http.Transport;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.IterationContext;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.record.Recording;
import io.github.junitloadtest.internal.schedule.ArrivalSchedule;
import io.github.junitloadtest.internal.schedule.NanoClock;
import io.github.junitloadtest.internal.schedule.Pacer;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Brings the generator's own code to steady state before a JVM's first load: the HTTP transport (and
 * its TLS handshake and records, when the first load test's base URL is https),
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
     * @param failed of those, the ones that failed (none, unless the JVM cannot run its own TLS)
     * @param elapsed how long it took
     */
    public record Result(long requests, long failed, Duration elapsed) {}

    /** The most a warm-up may take; it ends earlier once two rounds in a row agree. */
    static final Duration BUDGET = Duration.ofMillis(1500);

    /** Arrivals per round, and their rate: fast enough to exercise concurrency, light for two cores. */
    static final int ROUND_ARRIVALS = 200;

    static final double ROUND_RPS = 1000;

    /**
     * The most the TLS rounds may take besides, for a first load test over https. Measured on two
     * cores: handshake p90 879 ms in the first round, then 76, 24 and 27 ms; three fresh JVMs used the
     * whole budget (3.1–3.3 s, 106–160 handshakes).
     */
    static final Duration TLS_BUDGET = Duration.ofSeconds(3);

    /**
     * TLS rounds: every request a new connection and handshake, so fewer, slower and 8 at a time
     * (32 cold handshakes at once took 1.9 s each at p90 on two cores).
     */
    static final int TLS_ROUND_ARRIVALS = 40;

    static final double TLS_ROUND_RPS = 100;
    static final int TLS_IN_FLIGHT = 8;

    private static final int IN_FLIGHT = 32;

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
        boolean https = plan.baseUrl()
                .map(url -> "https".equalsIgnoreCase(url.getScheme()))
                .orElse(false);
        Result plain = run(plan.safety().insecureTls(), BUDGET);
        if (!https) {
            return Optional.of(plain);
        }
        Result tls = runTls(plan.safety().insecureTls(), TLS_BUDGET);
        return Optional.of(new Result(
                plain.requests() + tls.requests(),
                plain.failed() + tls.failed(),
                plain.elapsed().plus(tls.elapsed())));
    }

    /**
     * Runs rounds over TLS against a loopback server with a certificate of its own, one handshake per
     * request, until two rounds agree or the budget is spent. The JVM's default TLS context, which a
     * verified load uses, is loaded first.
     *
     * @param insecureTls whether the load verifies no certificate, so its host name check is left out here too
     * @param budget the most time to spend
     * @return what it did
     * @throws InterruptedException when the calling thread is interrupted meanwhile
     */
    static Result runTls(boolean insecureTls, Duration budget) throws InterruptedException {
        long start = System.nanoTime();
        try {
            SSLContext.getDefault();
            LoopbackCertificate certificate = LoopbackCertificate.load();
            SSLContext client = certificate.clientContext();
            try (WarmupServer server = new WarmupServer(certificate.serverContext())) {
                return rounds(
                        start,
                        budget,
                        () -> round(server, insecureTls, client, TLS_ROUND_ARRIVALS, TLS_ROUND_RPS, TLS_IN_FLIGHT));
            }
        } catch (IOException | GeneralSecurityException noTls) {
            throw new IllegalStateException("could not set up TLS on loopback to warm the load generator", noTls);
        }
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
        try (WarmupServer server = new WarmupServer()) {
            return rounds(start, budget, () -> round(server, insecureTls, null, ROUND_ARRIVALS, ROUND_RPS, IN_FLIGHT));
        } catch (IOException noLoopbackPort) {
            throw new IllegalStateException(
                    "could not open a loopback port to warm the load generator", noLoopbackPort);
        }
    }

    private static Result rounds(long start, Duration budget, Supplier<Round> next) throws InterruptedException {
        long deadline = start + budget.toNanos();
        List<Double> p90s = new ArrayList<>();
        long requests = 0;
        long failed = 0;
        while (System.nanoTime() - deadline < 0) {
            Round round = next.get();
            requests += round.sent();
            failed += round.failed();
            p90s.add(round.serviceP90Millis());
            if (round.interrupted() || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while the load generator warmed up");
            }
            if (settled(p90s)) {
                break;
            }
        }
        return new Result(requests, failed, Duration.ofNanos(System.nanoTime() - start));
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

    /** What a round did: its requests, the failed ones, their service-time p90, and whether it was interrupted. */
    private record Round(long sent, long failed, double serviceP90Millis, boolean interrupted) {}

    private static Round round(
            WarmupServer server,
            boolean insecureTls,
            @Nullable SSLContext tls,
            int arrivals,
            double rps,
            int inFlight) {
        LatencyRecorder recorder = new LatencyRecorder();
        IterationContext context = new IterationContext();
        NanoClock clock = NanoClock.SYSTEM;
        LoadPlan.Safety safety =
                new LoadPlan.Safety(List.of(), 0, LoadPlan.Safety.DEFAULT_MAX_BODY_BYTES, insecureTls, Set.of());
        DispatchResult result;
        try (DefaultLoadHttp http = new DefaultLoadHttp(
                        Optional.of(server.baseUrl()),
                        Duration.ofSeconds(5),
                        "the load generator's warm-up",
                        recorder,
                        context,
                        clock,
                        Set.of(),
                        safety,
                        Transport.HTTP_1_1,
                        tls);
                Workers workers = Workers.forThisJvm(inFlight)) {
            result = new IterationDispatcher(
                            new ArrivalSchedule(rps, (long) (arrivals * 1e9 / rps)),
                            Duration.ZERO,
                            inFlight,
                            Duration.ofSeconds(5),
                            clock,
                            Pacer.parking(clock),
                            workers,
                            recorder,
                            context)
                    .run(() -> iteration(http));
        }
        Recording recording = recorder.recording();
        // Arrivals still waiting for a worker when a round ends were simply not needed.
        long failed = recording.outcomes().entrySet().stream()
                .filter(outcome -> outcome.getKey() != Outcome.SUCCESS && outcome.getKey() != Outcome.DROPPED)
                .mapToLong(Map.Entry::getValue)
                .sum();
        return new Round(result.sent(), failed, recording.service().percentileMillis(90), result.interrupted());
    }

    /** One iteration, as a test body would write it: a request, its checks and its JSON. */
    private static void iteration(LoadHttp http) {
        LoadResponse response =
                http.get("/warmup/{id}", "item").expectStatus(200).expectJson();
        response.check("is JSON", LoadResponse::isJson);
        response.expectBody("names the first", body -> body.contains("first"));
    }
}
