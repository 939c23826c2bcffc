package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.LatencySummary;
import io.github.junitloadtest.api.TimelinePoint;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.record.Accounting;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Says when the generator, not the service, fell short of the requested load, so a gate never
 * passes on load it did not apply.
 */
public final class GeneratorCheck {

    /** The share of the requested arrivals that must have been sent. */
    public static final double MIN_DELIVERED = 0.95;

    private GeneratorCheck() {}

    /**
     * The shortfall sentence, or empty when at least 95 % of the measured arrivals were sent.
     *
     * @param dispatch how the arrivals went
     * @param rps the requested rate
     * @param windowSeconds the measured window
     * @param maxInFlight the worker cap, for the explanation
     * @return the sentence, if the generator fell short
     */
    public static Optional<String> shortfall(Accounting dispatch, double rps, double windowSeconds, int maxInFlight) {
        if (dispatch.measuredScheduled() == 0) {
            return Optional.empty();
        }
        double delivered = (double) dispatch.measuredSent() / dispatch.measuredScheduled();
        if (delivered >= MIN_DELIVERED) {
            return Optional.empty();
        }
        double deliveredRps = dispatch.measuredSent() / windowSeconds;
        StringBuilder sentence = new StringBuilder()
                .append("Load generator delivered ")
                .append(Numbers.format(deliveredRps, 2))
                .append(" req/s of the ")
                .append(Numbers.format(rps, 3))
                .append(" req/s requested (")
                .append(Numbers.format(100 * delivered, 1))
                .append(" %); no verdict on the service.");
        if (dispatch.dropped() > 0 || dispatch.late() > 0) {
            sentence.append(' ')
                    .append(dispatch.dropped())
                    .append(" of ")
                    .append(dispatch.scheduled())
                    .append(" arrivals were never sent and ")
                    .append(dispatch.late())
                    .append(" waited for a free worker (maxInFlight = ")
                    .append(maxInFlight)
                    .append("); raise maxInFlight if the service is expected to be this slow.");
        }
        return Optional.of(sentence.toString());
    }

    /** How a lag note starts, so a failure can tell it from the other notes. */
    public static final String LAG_NOTE_START = "Load generator lag: ";

    /** The smallest scheduling lag p99 that earns a note, in milliseconds. */
    public static final double MIN_LAG_MILLIS = 10;

    /** The share of the smallest latency limit above which the lag earns a note. */
    static final double LAG_SHARE_OF_LIMIT = 0.05;

    /** The share of the corrected p99 the lag's p99 must reach to explain it. */
    static final double LAG_SHARE_OF_CORRECTED = 0.25;

    /**
     * A note when the generator itself started iterations late: every arrival found a free worker,
     * yet the scheduling lag's p99 reached 10 ms or 5 % of the smallest latency limit. That delay is
     * inside corrected latency and belongs to the generator (CPU, pauses), not to the service.
     *
     * <p>Only lag that explains the latency earns it: its p99 must also be at least a quarter of the
     * corrected p99, so a busy machine's few milliseconds are not blamed beside a slow service.
     *
     * @param corrected the corrected latency the lag is part of
     * @param lag the scheduling lag: from each arrival's intended start to its actual start
     * @param late arrivals that waited for a free worker, whose lag is the service's doing
     * @param peakCpuPercent the generator process's peak CPU
     * @param smallestLatencyLimitMillis the smallest latency limit declared, if any
     * @return the note, if the lag was the generator's and large enough to matter
     */
    public static Optional<String> lagNote(
            LatencySummary corrected,
            LatencySummary lag,
            long late,
            double peakCpuPercent,
            OptionalDouble smallestLatencyLimitMillis) {
        double bound = Math.max(
                Math.max(MIN_LAG_MILLIS, LAG_SHARE_OF_LIMIT * smallestLatencyLimitMillis.orElse(0)),
                LAG_SHARE_OF_CORRECTED * corrected.p99Millis());
        if (lag.count() == 0 || late > 0 || lag.p99Millis() < bound) {
            return Optional.empty();
        }
        return Optional.of(LAG_NOTE_START + "the generator started iterations late (scheduling lag p99 "
                + Numbers.millis(lag.p99Millis()) + " ms, max " + Numbers.millis(lag.maxMillis())
                + " ms; generator CPU peak " + Numbers.format(peakCpuPercent, 1) + " %) although a worker was free"
                + " for every arrival. That delay is the generator's, not the service's, and is part of the corrected"
                + " latency; run the load from a less busy machine or at a lower rate before blaming the service.");
    }

    /** How a cold-start note starts, so a failure can tell it from the other notes. */
    public static final String COLD_START_NOTE_START = "Cold start: ";

    /**
     * A note when the first measured interval's service time was far above the rest of the run: its
     * p95 more than three times the median of the other intervals' p95 and 20 ms above it. The
     * service (or this JVM, when the service runs in it) was still warming up, and that interval
     * counts in every figure unless a warm-up is declared.
     *
     * @param timeline the run's intervals, warm-up included
     * @param warmupSeconds the declared warm-up
     * @param intervalSeconds the timeline's interval
     * @return the note, if the first measured interval stands out so
     */
    public static Optional<String> coldStartNote(
            List<TimelinePoint> timeline, double warmupSeconds, double intervalSeconds) {
        List<TimelinePoint> measured = timeline.stream()
                .filter(point -> point.endSeconds() > warmupSeconds + 1e-6 && point.iterations() > 0)
                .toList();
        if (measured.size() < 3) {
            return Optional.empty();
        }
        double first = measured.get(0).serviceP95Millis();
        double[] rest = measured.subList(1, measured.size()).stream()
                .mapToDouble(TimelinePoint::serviceP95Millis)
                .sorted()
                .toArray();
        double median =
                rest.length % 2 == 1 ? rest[rest.length / 2] : (rest[rest.length / 2 - 1] + rest[rest.length / 2]) / 2;
        if (first <= 3 * median || first <= median + 20) {
            return Optional.empty();
        }
        boolean afterWarmup = warmupSeconds > 0;
        long suggested = (long) Math.ceil(warmupSeconds + 2 * intervalSeconds);
        return Optional.of(COLD_START_NOTE_START + "the first " + Numbers.format(intervalSeconds, 1) + " s"
                + (afterWarmup ? " after the warm-up" : "") + " had a service-time p95 of " + Numbers.millis(first)
                + " ms against " + Numbers.millis(rest[0]) + "–" + Numbers.millis(rest[rest.length - 1])
                + " ms (median "
                + Numbers.millis(median) + " ms) in the rest of the run; the service or this JVM was still warming up,"
                + " and it counts in every figure. Declare " + (afterWarmup ? "a longer warm-up" : "a warm-up")
                + " to leave it out, for example @LoadTest(…, warmup = \"" + suggested + "s\").");
    }
}
