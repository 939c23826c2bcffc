package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.internal.plan.LoadPlan.Role;
import io.github.junitloadtest.internal.plan.OutsideSettings.Setting;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads whether this JVM sends the whole load, one shard of it ({@code loadtest.shard} and the
 * settings that go with it), or judges the shards' snapshots ({@code loadtest.mergeFrom}).
 */
final class RoleReader {

    /** More shards than any machine room needs; a typo beyond it is more likely than a plan. */
    static final int MAX_SHARDS = 1000;

    static final Duration DEFAULT_START_TOLERANCE = Duration.ofSeconds(1);

    private static final Pattern SHARD = Pattern.compile("(\\d{1,4})\\s*/\\s*(\\d{1,4})");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{10,16}");

    private RoleReader() {}

    /**
     * The role the settings give.
     *
     * @param outside the outside settings
     * @param externalTarget whether the load goes to a real target, not to a stub another extension started
     * @param problems collects what is wrong
     * @return the role; {@link Role#WHOLE} when nothing is set or something is wrong
     */
    static Role read(OutsideSettings outside, boolean externalTarget, ConfigurationProblems problems) {
        Optional<Setting> shard = outside.get(LoadTest.SHARD_PROPERTY_NAME);
        Optional<Setting> merge = outside.get(LoadTest.MERGE_FROM_PROPERTY_NAME);
        if (shard.isPresent() && merge.isPresent()) {
            problems.add(
                    "%s and %s are both set, but a run either sends a shard's load or merges the shards' results;"
                            + " set %s on the shards and %s on the run that judges them.",
                    shard.get().named(),
                    merge.get().named(),
                    LoadTest.SHARD_PROPERTY_NAME,
                    LoadTest.MERGE_FROM_PROPERTY_NAME);
            return Role.WHOLE;
        }
        if (merge.isPresent()) {
            Stream.of(
                            LoadTest.SHARD_WEIGHTS_PROPERTY_NAME,
                            LoadTest.START_AT_PROPERTY_NAME,
                            LoadTest.START_TOLERANCE_PROPERTY_NAME,
                            LoadTest.SHARD_VERDICT_PROPERTY_NAME)
                    .map(outside::get)
                    .flatMap(Optional::stream)
                    .forEach(shardOnly -> problems.add(
                            "%s applies only to a shard, but this run merges shards (%s);"
                                    + " leave it out of the merge.",
                            shardOnly.named(), merge.get().named()));
            return merge(
                    merge.get(),
                    outside.get(LoadTest.RUN_ID_PROPERTY_NAME)
                            .map(Setting::value)
                            .map(String::strip),
                    problems);
        }
        if (shard.isEmpty()) {
            Stream.of(
                            LoadTest.SHARD_WEIGHTS_PROPERTY_NAME,
                            LoadTest.START_AT_PROPERTY_NAME,
                            LoadTest.START_TOLERANCE_PROPERTY_NAME,
                            LoadTest.RUN_ID_PROPERTY_NAME,
                            LoadTest.SHARD_VERDICT_PROPERTY_NAME)
                    .map(outside::get)
                    .flatMap(Optional::stream)
                    .forEach(alone -> problems.add(
                            "%s applies only to a shard%s, but %s is not set; for example" + " -D%s=0/4.",
                            alone.named(),
                            alone.source().contains(LoadTest.RUN_ID_PROPERTY_NAME) ? " or a merge" : "",
                            LoadTest.SHARD_PROPERTY_NAME,
                            LoadTest.SHARD_PROPERTY_NAME));
            return Role.WHOLE;
        }
        return shard(shard.get(), outside, externalTarget, problems)
                .map(Role.class::cast)
                .orElse(Role.WHOLE);
    }

    private static Role merge(Setting merge, Optional<String> runId, ConfigurationProblems problems) {
        try {
            Path from = Path.of(merge.value().strip());
            if (Files.isDirectory(from)) {
                return new LoadPlan.Merge(from, runId);
            }
            problems.add(
                    "%s names [\"%s\"], which is not a folder (as %s); name the folder the shards' report folders"
                            + " were gathered in, for example \"shards\".",
                    merge.named(), merge.value(), from.toAbsolutePath());
        } catch (InvalidPathException notAPath) {
            problems.add(
                    "%s must name a folder, but was [\"%s\"]: %s; for example \"shards\".",
                    merge.named(), merge.value(), notAPath.getMessage());
        }
        return Role.WHOLE;
    }

    private static Optional<LoadPlan.Shard> shard(
            Setting shard, OutsideSettings outside, boolean externalTarget, ConfigurationProblems problems) {
        int before = problems.count();
        Matcher matcher = SHARD.matcher(shard.value().strip());
        int index = -1;
        int count = -1;
        if (matcher.matches()) {
            index = Integer.parseInt(matcher.group(1));
            count = Integer.parseInt(matcher.group(2));
        }
        if (count < 1 || count > MAX_SHARDS || index >= count) {
            problems.add(
                    "%s must be i/N with 0 <= i < N <= %d, but was [\"%s\"]; for example \"2/4\" for the third"
                            + " of four shards.",
                    shard.named(), MAX_SHARDS, shard.value());
        }
        if (!externalTarget) {
            problems.add(
                    "%s=[\"%s\"] needs a real target: with the embedded stub every shard would load a stub of"
                            + " its own; set %s, for example -D%s=https://staging.example.com.",
                    shard.named(), shard.value(), LoadTest.BASE_URL_PROPERTY_NAME, LoadTest.BASE_URL_PROPERTY_NAME);
        }
        List<Integer> weights = weights(outside, Math.max(count, 1), problems);
        Optional<Instant> startAt = startAt(outside, problems);
        Duration tolerance = tolerance(outside, problems);
        boolean judgeThresholds = judgeThresholds(outside, problems);
        String runId = outside.get(LoadTest.RUN_ID_PROPERTY_NAME)
                .map(Setting::value)
                .map(String::strip)
                .orElse(startAt.map(Instant::toString).orElse(""));
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(
                new LoadPlan.Shard(index, weights, runId, startAt.orElseThrow(), tolerance, judgeThresholds));
    }

    private static List<Integer> weights(OutsideSettings outside, int count, ConfigurationProblems problems) {
        Optional<Setting> setting = outside.get(LoadTest.SHARD_WEIGHTS_PROPERTY_NAME);
        if (setting.isEmpty()) {
            return Collections.nCopies(count, 1);
        }
        List<Integer> weights = new ArrayList<>();
        for (String part : setting.get().value().split(",", -1)) {
            try {
                int weight = Integer.parseInt(part.strip());
                weights.add(weight);
            } catch (NumberFormatException notANumber) {
                weights.add(0);
            }
        }
        if (weights.size() != count || weights.stream().anyMatch(weight -> weight < 1 || weight > 10_000)) {
            problems.add(
                    "%s must give %d whole numbers from 1 to 10000, one per shard, but was [\"%s\"]; for example"
                            + " \"%s\".",
                    setting.get().named(),
                    count,
                    setting.get().value(),
                    String.join(",", Collections.nCopies(count, "1")).replaceFirst("1", "2"));
            return Collections.nCopies(count, 1);
        }
        return weights;
    }

    private static Optional<Instant> startAt(OutsideSettings outside, ConfigurationProblems problems) {
        Optional<Setting> setting = outside.get(LoadTest.START_AT_PROPERTY_NAME);
        if (setting.isEmpty()) {
            problems.add(
                    "%s is set, but %s is not: the shards need a common instant to start at; for example -D%s=%s"
                            + " (computed once by whoever starts the shards).",
                    LoadTest.SHARD_PROPERTY_NAME,
                    LoadTest.START_AT_PROPERTY_NAME,
                    LoadTest.START_AT_PROPERTY_NAME,
                    "2026-12-01T10:00:00Z");
            return Optional.empty();
        }
        String text = setting.get().value().strip();
        try {
            return Optional.of(
                    EPOCH_MILLIS.matcher(text).matches()
                            ? Instant.ofEpochMilli(Long.parseLong(text))
                            : Instant.parse(text));
        } catch (DateTimeParseException notAnInstant) {
            problems.add(
                    "%s must be an ISO-8601 instant in UTC or epoch milliseconds, but was [\"%s\"]; for example"
                            + " \"2026-12-01T10:00:00Z\".",
                    setting.get().named(), setting.get().value());
            return Optional.empty();
        }
    }

    private static Duration tolerance(OutsideSettings outside, ConfigurationProblems problems) {
        Optional<Setting> setting = outside.get(LoadTest.START_TOLERANCE_PROPERTY_NAME);
        if (setting.isEmpty()) {
            return DEFAULT_START_TOLERANCE;
        }
        Optional<Duration> tolerance = DurationText.parse(setting.get().value());
        if (tolerance.isEmpty() || tolerance.get().isNegative()) {
            problems.add(
                    "%s must be a duration of 0 or more, but was [\"%s\"]; for example \"1s\" or \"500ms\".",
                    setting.get().named(), setting.get().value());
            return DEFAULT_START_TOLERANCE;
        }
        return tolerance.get();
    }

    private static boolean judgeThresholds(OutsideSettings outside, ConfigurationProblems problems) {
        Optional<Setting> setting = outside.get(LoadTest.SHARD_VERDICT_PROPERTY_NAME);
        if (setting.isEmpty() || setting.get().value().strip().equalsIgnoreCase("health")) {
            return false;
        }
        if (setting.get().value().strip().equalsIgnoreCase("local")) {
            return true;
        }
        problems.add(
                "%s must be health or local, but was [\"%s\"]; for example \"health\".",
                setting.get().named(), setting.get().value());
        return false;
    }
}
