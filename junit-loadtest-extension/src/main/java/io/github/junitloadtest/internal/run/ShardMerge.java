package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.internal.evaluate.RunEvaluator;
import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.LoadPlan.Model;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.internal.record.ShardRecord;
import io.github.junitloadtest.internal.report.SnapshotFile;
import io.github.junitloadtest.internal.schedule.Schedule;
import io.github.junitloadtest.internal.schedule.ShardedSchedule;
import io.github.junitloadtest.internal.schedule.Striping;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Adds up the snapshots the shards of one run wrote, after checking that they are the whole run:
 * exactly the shards 0 to N-1 once each, of one run and one plan, the plan of this test, each with
 * its part of the arrivals, the parts adding up to the plan, all started at the same instant.
 * Nothing is sent.
 */
public final class ShardMerge {

    /**
     * What the merge found.
     *
     * @param finished the sum and its verdict, when the shards were complete
     * @param problem why they could not be added, otherwise
     */
    public record Outcome(Optional<LoadRun.Finished> finished, Optional<String> problem) {

        static Outcome failed(String problem) {
            return new Outcome(Optional.empty(), Optional.of(problem));
        }
    }

    private ShardMerge() {}

    /**
     * Finds, checks and adds the shards' snapshots of a test, and judges the sum.
     *
     * @param plan the test's plan, whose role is {@link LoadPlan.Merge}
     * @return the sum and its verdict, or what is wrong with the shards
     */
    public static Outcome of(LoadPlan plan) {
        LoadPlan.Merge merge = (LoadPlan.Merge) plan.role();
        String test = plan.testId();
        List<Path> files;
        try {
            files = SnapshotFile.shardFilesUnder(merge.from(), test);
        } catch (UncheckedIOException unreadable) {
            return Outcome.failed(Objects.requireNonNullElse(
                    unreadable.getMessage(), "could not read the shard snapshots under " + merge.from()));
        }
        if (files.isEmpty()) {
            return Outcome.failed("merged run of load test " + test + ": no shard snapshot under "
                    + merge.from().toAbsolutePath() + " (looked for snapshots/" + test
                    + ".shard-<i>-of-<N>.json in every sub-folder); gather the shards' report folders there");
        }
        Map<Path, RunSnapshot> snapshots = new TreeMap<>();
        for (Path file : files) {
            try {
                RunSnapshot snapshot = SnapshotFile.read(file);
                if (snapshot.shards().size() != 1) {
                    return Outcome.failed("merged run of load test " + test + ": " + file.toAbsolutePath()
                            + " is not one shard's snapshot");
                }
                ShardRecord part = snapshot.shards().get(0);
                if (part.weights().isEmpty()
                        || part.weights().stream().anyMatch(weight -> weight < 1)
                        || part.index() < 0
                        || part.index() >= part.count()) {
                    return Outcome.failed("merged run of load test " + test + ": " + file.toAbsolutePath()
                            + " names shard " + part.index() + " of weights " + part.weights()
                            + ", which is no shard of a run");
                }
                snapshots.put(file, snapshot);
            } catch (UncheckedIOException unreadable) {
                return Outcome.failed("merged run of load test " + test + ": " + unreadable.getMessage());
            }
        }
        Map<String, List<Path>> byRun = snapshots.entrySet().stream()
                .filter(entry -> merge.runId()
                        .map(entry.getValue().shards().get(0).runId()::equals)
                        .orElse(true))
                .collect(Collectors.groupingBy(
                        entry -> entry.getValue().shards().get(0).runId(),
                        TreeMap::new,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        if (byRun.isEmpty()) {
            return Outcome.failed("merged run " + merge.runId().orElseThrow() + " of load test " + test
                    + ": no shard of that run under " + merge.from().toAbsolutePath() + ", only of run(s) "
                    + snapshots.values().stream()
                            .map(one -> one.shards().get(0).runId())
                            .distinct()
                            .sorted()
                            .collect(Collectors.joining(", ")));
        }
        if (byRun.size() > 1) {
            return Outcome.failed("merged run of load test " + test + ": "
                    + merge.from().toAbsolutePath()
                    + " holds shards of " + byRun.size() + " runs ("
                    + byRun.entrySet().stream()
                            .map(run -> run.getKey() + ": " + labels(run.getValue(), snapshots))
                            .collect(Collectors.joining("; "))
                    + "); set " + LoadTest.RUN_ID_PROPERTY_NAME
                    + " to the one to judge");
        }
        Map.Entry<String, List<Path>> run = byRun.entrySet().iterator().next();
        String runId = run.getKey();
        List<Path> ofRun = run.getValue();
        return complete(plan, runId, ofRun, snapshots)
                .map(Outcome::failed)
                .orElseGet(() -> added(
                        plan, ofRun.stream().map(file -> read(snapshots, file)).toList()));
    }

    private static Optional<String> complete(
            LoadPlan plan, String runId, List<Path> files, Map<Path, RunSnapshot> snapshots) {
        String run = "merged run " + runId + " of load test " + plan.testId();
        RunSnapshot first = read(snapshots, files.get(0));
        ShardRecord firstShard = first.shards().get(0);
        int count = firstShard.count();
        Map<Integer, Path> byIndex = new TreeMap<>();
        for (Path file : files) {
            RunSnapshot snapshot = read(snapshots, file);
            ShardRecord shard = snapshot.shards().get(0);
            if (shard.count() != count || !shard.weights().equals(firstShard.weights())) {
                return Optional.of(run + ": shard " + shard.label() + " (weights " + shard.weights() + ") and shard "
                        + firstShard.label() + " (weights " + firstShard.weights() + ") split the load differently");
            }
            Path twice = byIndex.put(shard.index(), file);
            if (twice != null) {
                return Optional.of(run + ": shard " + shard.label() + " found twice, in " + twice.toAbsolutePath()
                        + " and " + file.toAbsolutePath());
            }
            if (!shard.startAt().equals(firstShard.startAt()) || shard.slot() != firstShard.slot()) {
                return Optional.of(run + ": shard " + shard.label() + " started this test at " + shard.startAt()
                        + " (load test " + shard.slot() + " of its JVM), shard " + firstShard.label() + " at "
                        + firstShard.startAt() + " (load test " + firstShard.slot() + "); the shards must run the same"
                        + " tests in the same order, so that each test's load is sent at once");
            }
            if (!snapshot.identity().samePlanAs(first.identity())) {
                return Optional.of(run + ": plan mismatch: shard " + shard.label() + " ran "
                        + describe(snapshot.identity()) + ", shard " + firstShard.label() + " ran "
                        + describe(first.identity()));
            }
        }
        List<String> missing = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            if (!byIndex.containsKey(index)) {
                missing.add(index + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(run + " incomplete: shard" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " missing (found " + labels(files, snapshots) + ")");
        }
        // Workers and target aside: the merge runs where the shards' target may not be set.
        RunSnapshot.RunIdentity mine =
                LoadRun.PlanIdentity.of(plan, "", new Redaction(plan.safety().secretHeaders()));
        if (!first.identity().sameLoadAs(mine)) {
            return Optional.of(
                    run + ": plan mismatch: the shards ran " + describe(first.identity()) + ", this test plans "
                            + describe(mine) + "; merge with the same commit and settings the shards ran");
        }
        if (plan.model() == Model.OPEN) {
            Schedule whole = LoadRun.scheduleOf(plan);
            Striping striping = new Striping(firstShard.weights());
            long total = 0;
            for (Path file : files) {
                ShardRecord shard = read(snapshots, file).shards().get(0);
                long share = new ShardedSchedule(whole, striping, shard.index()).size();
                if (shard.planned() != share) {
                    return Optional.of(run + ": shard " + shard.label() + " planned " + shard.planned()
                            + " arrivals, but its part of the plan is " + share);
                }
                total += shard.planned();
            }
            if (total != whole.size()) {
                return Optional.of(
                        run + ": the shards planned " + total + " arrivals, but the plan has " + whole.size());
            }
        }
        return Optional.empty();
    }

    private static Outcome added(LoadPlan plan, List<RunSnapshot> shards) {
        RunSnapshot sum = shards.get(0);
        try {
            for (RunSnapshot next : shards.subList(1, shards.size())) {
                sum = sum.plus(next);
            }
        } catch (IllegalArgumentException | IllegalStateException notAddable) {
            return Outcome.failed("merged run of load test " + plan.testId() + ": the shards' snapshots could not be"
                    + " added: " + notAddable.getMessage());
        }
        return new Outcome(
                Optional.of(new LoadRun.Finished(
                        sum,
                        RunEvaluator.verdict(plan, sum, Baselines.histories(plan, Optional.of(sum))),
                        Optional.empty())),
                Optional.empty());
    }

    /** The snapshot read from a file found: every file found is read before the files are grouped. */
    private static RunSnapshot read(Map<Path, RunSnapshot> snapshots, Path file) {
        return Objects.requireNonNull(snapshots.get(file), () -> "no snapshot was read from " + file);
    }

    private static String labels(List<Path> files, Map<Path, RunSnapshot> snapshots) {
        return files.stream()
                .map(file -> read(snapshots, file).shards().get(0).label())
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private static String describe(RunSnapshot.RunIdentity identity) {
        return identity.configuration().load() + " (" + identity.configuration().model() + " model, warm-up "
                + identity.configuration().warmupSeconds() + " s, "
                + identity.configuration().maxInFlight()
                + " in flight, duration scale " + identity.configuration().durationScale() + ", intervals of "
                + identity.intervalSeconds() + " s)";
    }
}
