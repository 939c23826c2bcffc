package io.github.junitloadtest.internal.evaluate;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.internal.record.ShardRecord;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What is judged of a run that several load generators shared: each shard's start, and what the notes say. */
final class ShardCheck {

    private ShardCheck() {}

    /** Whether the thresholds are judged here: everywhere but on a shard that judges only its health. */
    static boolean judgesThresholds(LoadPlan plan) {
        return !(plan.role() instanceof LoadPlan.Shard shard) || shard.judgeThresholds();
    }

    /** A threshold judged on one shard's part, said to be so. */
    static ThresholdResult local(ThresholdResult result, LoadPlan plan) {
        if (!(plan.role() instanceof LoadPlan.Shard shard)) {
            return result;
        }
        return new ThresholdResult(
                result.metric(),
                result.scope(),
                result.comparison(),
                result.limit(),
                result.actual(),
                result.unit(),
                result.sampleSize(),
                result.passed(),
                "shard-local, shard " + shard.label() + " alone: " + result.message());
    }

    /** Which generators the figures are from: {@code "shard 2/4, run 4711"}, {@code "merged from 4 shards, run 4711"}. */
    static String generators(LoadPlan plan, RunSnapshot snapshot) {
        List<ShardRecord> shards = snapshot.shards();
        if (shards.isEmpty()) {
            return "";
        }
        String run = "run " + shards.get(0).runId();
        if (plan.role() instanceof LoadPlan.Shard shard) {
            return "shard " + shard.label() + ", " + run;
        }
        return "merged from " + shards.size() + (shards.size() == 1 ? " shard, " : " shards, ") + run;
    }

    /** Every shard that reached the start too late. */
    static List<Violation.MissedStart> missedStarts(RunSnapshot snapshot) {
        return snapshot.shards().stream()
                .filter(ShardRecord::missedStart)
                .map(shard -> {
                    double late = shard.readyOffsetNanos() / 1e9;
                    String barrier = shard.slot() == 1
                            ? "the start barrier "
                            : "its start slot (load test " + shard.slot() + " of its JVM) ";
                    return new Violation.MissedStart(
                            shard.label(),
                            late,
                            "shard " + shard.label() + " of load test "
                                    + snapshot.identity().test() + " missed " + barrier + shard.startAt() + " by "
                                    + Numbers.format(late, 3) + " s (run " + shard.runId() + ", tolerance "
                                    + Numbers.format(shard.toleranceNanos() / 1e9, 3) + " s) and sent "
                                    + (shard.planned() > 0 ? "none of its " + shard.planned() + " arrivals" : "nothing")
                                    + "; start every shard before the instant, with " + LoadTest.START_AT_PROPERTY_NAME
                                    + " far enough ahead for the slowest set-up");
                })
                .toList();
    }

    /** What the reports say about the shards, if several generators shared the run. */
    static Optional<Note.Shards> note(LoadPlan plan, RunSnapshot snapshot) {
        List<ShardRecord> shards = snapshot.shards();
        if (shards.isEmpty()) {
            return Optional.empty();
        }
        ShardRecord first = shards.get(0);
        if (plan.role() instanceof LoadPlan.Shard shard) {
            String judged = shard.judgeThresholds()
                    ? "the thresholds were judged on this shard's part alone (shard-local), not on the whole run"
                    : "this run judged only the shard's health, its start and its part sent; the thresholds are judged"
                            + " once, on every shard's snapshot added up, by a run with "
                            + LoadTest.MERGE_FROM_PROPERTY_NAME + "=<folder of the shards' reports>";
            return Optional.of(new Note.Shards("Shard " + first.label() + " of run " + first.runId() + weights(first)
                    + ", started at " + first.startAt() + slot(first) + " (" + readiness(first)
                    + (first.sent() > 0
                            ? ", first arrival sent " + late(first.firstSendLateNanos()) + " after it was due"
                            : "")
                    + "), sent "
                    + (first.sent() > 0 || first.planned() > 0
                            ? first.sent() + " of its " + first.planned() + " arrivals"
                            : "nothing")
                    + ": " + judged + "."));
        }
        List<ShardRecord> sending =
                shards.stream().filter(one -> one.sent() > 0).toList();
        long earliest = sending.stream()
                .mapToLong(ShardRecord::firstSendLateNanos)
                .min()
                .orElse(0);
        long latest = sending.stream()
                .mapToLong(ShardRecord::firstSendLateNanos)
                .max()
                .orElse(0);
        String each = shards.stream()
                .map(one -> one.label() + " " + (one.sent() > 0 ? late(one.firstSendLateNanos()) : "sent nothing"))
                .collect(Collectors.joining(", "));
        String spread = sending.size() > 1
                ? ", within " + Numbers.format((latest - earliest) / 1e6, 3) + " ms of each other"
                : "";
        return Optional.of(new Note.Shards("Merged from " + shards.size() + (shards.size() == 1 ? " shard" : " shards")
                + " of run " + first.runId() + weights(first) + ", started at " + first.startAt() + slot(first)
                + ": every figure and threshold is of their snapshots added up. First arrivals sent after they were"
                + " due: " + each + spread + ", by each host's clock; the hosts' clocks must be synchronised (NTP)."));
    }

    private static String slot(ShardRecord shard) {
        return shard.slot() == 1 ? "" : " (load test " + shard.slot() + " of the shards' JVMs)";
    }

    private static String weights(ShardRecord shard) {
        return shard.weights().stream().distinct().count() == 1
                ? ""
                : " (weights " + shard.weights().stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
    }

    private static String readiness(ShardRecord shard) {
        double seconds = shard.readyOffsetNanos() / 1e9;
        return seconds <= 0
                ? "ready " + Numbers.format(-seconds, 3) + " s before it"
                : "ready " + Numbers.format(seconds, 3) + " s after it";
    }

    private static String late(long nanos) {
        return Numbers.format(nanos / 1e6, 3) + " ms";
    }
}
