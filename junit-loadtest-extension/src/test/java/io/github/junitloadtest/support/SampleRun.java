package io.github.junitloadtest.support;

import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.Outcome;
import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.record.Accounting;
import io.github.junitloadtest.internal.record.LatencyRecorder;
import io.github.junitloadtest.internal.record.PhaseMap;
import io.github.junitloadtest.internal.record.Recording;
import io.github.junitloadtest.internal.record.RunSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;

/**
 * A made-up run recorded without a clock: 400 arrivals 10 ms apart over 4 s, a 0.5 s warm-up, three
 * phases (steady, spike, cooldown), two endpoints, a watched status, a named check and failures of
 * three kinds. Every figure is a function of the arrival's index, so any share of the arrivals can be
 * recorded on its own: the even ones, the odd ones, or all.
 */
public final class SampleRun {

    public static final long MILLI = 1_000_000L;
    public static final long SECOND = 1_000 * MILLI;
    public static final int ARRIVALS = 400;
    public static final long WARMUP_NANOS = SECOND / 2;
    private static final long START = 5_000 * SECOND;

    private SampleRun() {}

    /** A recorder for the sample's phases, watching status 503. */
    public static LatencyRecorder recorder() {
        return new LatencyRecorder(
                new PhaseMap(new long[] {2 * SECOND, 3 * SECOND, 4 * SECOND}, List.of("steady", "spike", "cooldown")),
                Set.of(503),
                new long[0],
                Redaction.DEFAULT);
    }

    /** Records the arrivals {@code keep} accepts, closing an interval at every whole second, and what it recorded. */
    public static Recording record(LatencyRecorder recorder, IntPredicate keep) {
        recorder.start(START, START + WARMUP_NANOS);
        long nextTick = START + SECOND;
        for (int i = 0; i < ARRIVALS; i++) {
            long intended = START + i * 10 * MILLI;
            while (intended >= nextTick) {
                recorder.tick(nextTick);
                nextTick += SECOND;
            }
            if (keep.test(i)) {
                record(recorder, i, intended);
            }
        }
        recorder.tick(START + 4 * SECOND + 37 * MILLI);
        return recorder.recording();
    }

    private static void record(LatencyRecorder recorder, int i, long intended) {
        long lag = i % 25 == 0 ? 5 * MILLI : 0;
        long service =
                (2 + i * 7919L % 50) * MILLI + (i >= 200 && i < 300 && i % 10 == 0 ? 300 * MILLI : 0) + i * 1_000L;
        long started = intended + lag;
        long done = started + service;
        String endpoint = i % 3 == 0 ? "GET /b" : "GET /a";
        boolean measured = recorder.isMeasured(intended);
        if (i % 53 == 0) {
            if (measured) {
                recorder.endpoint(endpoint).recordFailure(lag, service, Outcome.TIMEOUT, 0);
            }
            recorder.recordIteration(
                    intended,
                    started,
                    done,
                    Outcome.TIMEOUT,
                    new TimeoutException(endpoint + " timed out after "
                            + Duration.ofNanos(service).toMillis() + " ms"));
            return;
        }
        int status = i % 37 == 0 ? 503 : 200;
        if (measured) {
            recorder.endpoint(endpoint).recordResponse(lag, service, service / 2, status, 1_000 + i);
            recorder.countStatus(status);
            recorder.recordCheck("fast", service < 40 * MILLI);
        }
        if (status == 503) {
            recorder.recordUnacceptedStatus(intended, started, done, Outcome.HTTP_5XX, endpoint + " returned 503");
        } else {
            recorder.recordIteration(intended, started, done, Outcome.SUCCESS, null);
        }
    }

    /** The sample's accounting, for the share of its arrivals that were recorded. */
    public static Accounting accounting(IntPredicate keep) {
        long all = count(keep, 0);
        long measured = count(keep, (int) (WARMUP_NANOS / (10 * MILLI)));
        // Every arrival went out on time, in the second it was due.
        List<Long> perSecond = new ArrayList<>();
        for (int i = 0; i < ARRIVALS; i++) {
            int second = (int) (i * 10 * MILLI / 1_000_000_000L);
            while (perSecond.size() <= second) {
                perSecond.add(0L);
            }
            perSecond.set(second, perSecond.get(second) + (keep.test(i) ? 1 : 0));
        }
        return new Accounting(all, all, 0, measured, measured, 0, false, "", all, 0, 0, perSecond, perSecond);
    }

    private static long count(IntPredicate keep, int from) {
        long count = 0;
        for (int i = from; i < ARRIVALS; i++) {
            count += keep.test(i) ? 1 : 0;
        }
        return count;
    }

    /** A snapshot of the sample's share that {@code keep} accepts. */
    public static RunSnapshot snapshot(IntPredicate keep) {
        Recording recording = record(recorder(), keep);
        return new RunSnapshot(
                identity(),
                ManualPipeline.START_TIME,
                ManualPipeline.START_TIME.plusMillis(4_037),
                accounting(keep),
                recording,
                new LoadTestResult.GeneratorUsage(12.5, 64.0, 2),
                LoadTestResult.TargetUsage.NONE,
                List.of());
    }

    /** The sample's plan identity. */
    public static RunSnapshot.RunIdentity identity() {
        LoadTestResult.Configuration configuration = new LoadTestResult.Configuration(
                "open",
                "up to 100 req/s over 4 s in 3 stages",
                List.of(
                        new LoadTestResult.StageConfiguration("steady", 2, 100, 100),
                        new LoadTestResult.StageConfiguration("spike", 1, 100, 100),
                        new LoadTestResult.StageConfiguration("cooldown", 1, 100, 100)),
                4,
                0.5,
                30,
                100,
                0,
                0,
                1,
                "http://127.0.0.1:8080",
                true,
                "inline",
                1,
                List.of());
        return new RunSnapshot.RunIdentity("SampleRun.run", configuration, 4 * SECOND - WARMUP_NANOS, 1.0, 5);
    }
}
