package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.internal.evaluate.RunEvaluator;
import io.github.junitloadtest.internal.evaluate.Verdict;
import io.github.junitloadtest.internal.plan.BaseUrl;
import io.github.junitloadtest.internal.plan.LoadPlan;
import io.github.junitloadtest.internal.plan.Regression;
import io.github.junitloadtest.internal.record.BaselineRun;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.internal.report.BaselineStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A test's recorded runs: read before its verdict, for {@code @NoRegression}, and the run recorded
 * after it when {@code loadtest.baseline.record} asks. Runs are compared only within one
 * environment ({@link #environmentOf}).
 */
public final class Baselines {

    /** Where the commit of a CI build is found, first match wins. */
    private static final List<String> COMMIT_VARIABLES =
            List.of("GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT", "BUILD_VCS_NUMBER", "BITBUCKET_COMMIT");

    private Baselines() {}

    /**
     * The recorded runs of each of the plan's histories; none when the plan compares nothing.
     *
     * @param plan the plan
     * @return the histories by key
     */
    public static Map<String, BaselineRun.History> histories(LoadPlan plan) {
        return histories(plan, Optional.empty());
    }

    /**
     * The recorded runs of each of the plan's histories, for a run whose snapshot is known already:
     * a merge of shards, whose environment is the shards', not its own.
     *
     * @param plan the plan
     * @param merged the shards' snapshots added up, for a merge
     * @return the histories by key
     */
    public static Map<String, BaselineRun.History> histories(LoadPlan plan, Optional<RunSnapshot> merged) {
        Map<String, BaselineRun.History> histories = new LinkedHashMap<>();
        if (!RunEvaluator.comparesWithBaselines(plan)) {
            return histories;
        }
        String environment = environmentOf(plan, merged);
        for (Regression check : plan.regressions().checks()) {
            histories.computeIfAbsent(
                    check.key(), key -> BaselineStore.read(plan.regressions().dir(), key, environment));
        }
        return histories;
    }

    /**
     * Records the run into each of its histories when the settings ask, keeping the newest
     * {@code history + 2} passing runs of each and its newest failed ones ({@link BaselineStore#record}).
     *
     * @param plan the plan
     * @param snapshot what the run measured
     * @param verdict what was decided
     * @param environment reads the environment variables, for the commit
     * @return the files written
     */
    public static List<Path> record(
            LoadPlan plan, RunSnapshot snapshot, Verdict verdict, Function<String, Optional<String>> environment) {
        Regression.Gate gate = plan.regressions();
        List<Path> written = new ArrayList<>();
        if (!gate.records(verdict.passed()) || plan.role() instanceof LoadPlan.Shard) {
            return written;
        }
        String commit = COMMIT_VARIABLES.stream()
                .map(environment)
                .flatMap(Optional::stream)
                .filter(value -> !value.isBlank())
                .findFirst()
                .map(sha -> sha.length() > 12 ? sha.substring(0, 12) : sha)
                .orElse("");
        Optional<RunSnapshot> merged = plan.role() instanceof LoadPlan.Merge ? Optional.of(snapshot) : Optional.empty();
        BaselineRun run =
                new BaselineRun(Instant.now(), commit, environmentOf(plan, merged), verdict.passed(), snapshot);
        Map<String, Integer> keep = new LinkedHashMap<>();
        gate.checks().forEach(check -> keep.merge(check.key(), check.history() + 2, Math::max));
        keep.forEach((key, count) -> written.add(BaselineStore.record(gate.dir(), key, run, count)));
        return written;
    }

    /**
     * The label runs are compared within: the one given, or the target's host, the generator's cores
     * and the JDK's version; for a merge, the shards' target and how many shards sent the load.
     */
    static String environmentOf(LoadPlan plan, Optional<RunSnapshot> merged) {
        if (plan.regressions().environment().isPresent()) {
            return plan.regressions().environment().get();
        }
        if (merged.isPresent()) {
            String host = BaseUrl.parse(merged.get().identity().configuration().baseUrl())
                    .map(URI::getHost)
                    .orElse("no base URL");
            return host + ", " + merged.get().shards().size() + " shards";
        }
        String host = plan.stubTarget()
                ? "embedded stub"
                : plan.baseUrl().map(URI::getHost).orElse("no base URL");
        return host + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                + Runtime.version().feature();
    }
}
