package io.github.junitloadtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.github.junitloadtest.api.LoadTest;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The recipes for running a load test on several machines, read as Kubernetes and GitHub Actions
 * read them: every field one the Kubernetes object model knows, every setting one the extension
 * reads, the shards and their merge pointing at the same folder. {@code .ci/run} also lints the
 * workflow with actionlint.
 */
class RecipesTests {

    /** What {@code envsubst '$RUN_ID $START_AT $GIT_SHA $BASE_URL'} fills in; {@code ${JOB_COMPLETION_INDEX}} stays. */
    private static final Map<String, String> RUN = Map.of(
            "RUN_ID",
            "4711",
            "START_AT",
            "2026-12-01T10:00:00Z",
            "GIT_SHA",
            "abc1234",
            "BASE_URL",
            "https://staging.example.com");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SETTING = Pattern.compile("-D(loadtest\\.[A-Za-z]+)=");

    @Test
    void theShardJobIsAnIndexedJobRunningEveryShardAtOnceNeverRetriedEachOnItsOwnShard() throws IOException {
        Job job = job("kubernetes/shards-job.yaml");
        int completions = job.getSpec().getCompletions();

        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getParallelism()).isEqualTo(completions);
        // A failed shard is not retried and does not stop the others, so the merge names only what failed.
        assertThat(job.getSpec().getBackoffLimitPerIndex()).isZero();
        assertThat(job.getSpec().getBackoffLimit()).isNull();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getTopologySpreadConstraints())
                .singleElement()
                .satisfies(spread -> assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        String command = commandOf(pod.getContainers().get(0));
        assertThat(command)
                .contains(
                        "-Dloadtest.shard=${JOB_COMPLETION_INDEX}/" + completions + " ",
                        "-Dloadtest.startAt=2026-12-01T10:00:00Z ",
                        "-Dloadtest.runId=4711 ",
                        "-Dloadtest.baseUrl=https://staging.example.com ",
                        "-Dloadtest.reportDir=/results/4711/shard-${JOB_COMPLETION_INDEX}");
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .singleElement()
                .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/results"));
        Container container = pod.getContainers().get(0);
        assertThat(container.getResources().getRequests())
                .isEqualTo(container.getResources().getLimits());
    }

    @Test
    void theMergeJobJudgesTheFolderTheShardsWroteToOnTheSameVolume() throws IOException {
        Job shards = job("kubernetes/shards-job.yaml");
        Job merge = job("kubernetes/merge-job.yaml");

        String command = commandOf(
                merge.getSpec().getTemplate().getSpec().getContainers().get(0));
        assertThat(command)
                .contains("-Dloadtest.mergeFrom=/results/4711 ", "-Dloadtest.runId=4711 ")
                .doesNotContain("loadtest.shard=", "loadtest.baseUrl");
        assertThat(merge.getSpec().getBackoffLimit()).isZero();
        assertThat(merge.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getVolumes()
                        .get(0)
                        .getPersistentVolumeClaim()
                        .getClaimName())
                .isEqualTo(shards.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getVolumes()
                        .get(0)
                        .getPersistentVolumeClaim()
                        .getClaimName());
        assertThat(merge.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo(shards.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage());
    }

    @Test
    void everyManifestFieldIsOneTheKubernetesObjectModelKnows() throws Exception {
        for (String manifest : List.of("kubernetes/shards-job.yaml", "kubernetes/merge-job.yaml")) {
            List<String> unknown = new ArrayList<>();
            unknownFields(job(manifest), manifest, unknown);
            assertThat(unknown)
                    .as("fields of %s that Kubernetes does not know", manifest)
                    .isEmpty();
        }
    }

    @Test
    void theWorkflowShardsAsManyWaysAsItsMatrixAndMergesEvenWhenAShardFailed() throws IOException {
        JsonNode jobs = YAML.readTree(Path.of("github-actions/perf-shards.yml").toFile())
                .path("jobs");

        JsonNode shard = jobs.path("shard");
        int count = shard.path("strategy").path("matrix").path("shard").size();
        assertThat(count).isEqualTo(4);
        assertThat(shard.path("strategy").path("fail-fast").asBoolean(true)).isFalse();
        assertThat(shard.path("needs").asText()).isEqualTo("plan");
        assertThat(stepsRun(shard))
                .contains("-Dloadtest.shard=${{ matrix.shard }}/" + count + " ")
                .contains("-Dloadtest.startAt=${{ needs.plan.outputs.start_at }}");
        JsonNode merge = jobs.path("merge");
        assertThat(merge.path("needs").asText()).isEqualTo("shard");
        assertThat(merge.path("if").asText()).isEqualTo("always()");
        String download = merge.path("steps").findValues("with").stream()
                .map(with -> with.path("path").asText())
                .filter(path -> path.equals("shards"))
                .findFirst()
                .orElse("");
        assertThat(download).isEqualTo("shards");
        // Maven runs the tests in each module's folder: the merge names the downloads from the workspace.
        assertThat(stepsRun(merge)).contains("-Dloadtest.mergeFrom=${{ github.workspace }}/shards");
    }

    @Test
    void everySettingTheRecipesGiveIsOneTheExtensionReads() throws Exception {
        Set<String> known = new TreeSet<>();
        for (Field field : LoadTest.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_PROPERTY_NAME")) {
                known.add((String) field.get(null));
            }
        }
        Set<String> given = new TreeSet<>();
        try (Stream<Path> files =
                Stream.of(Path.of("kubernetes"), Path.of("github-actions")).flatMap(RecipesTests::list)) {
            for (Path file : files.toList()) {
                Matcher setting = SETTING.matcher(Files.readString(file));
                while (setting.find()) {
                    given.add(setting.group(1));
                }
            }
        }

        assertThat(given)
                .contains(
                        LoadTest.SHARD_PROPERTY_NAME,
                        LoadTest.START_AT_PROPERTY_NAME,
                        LoadTest.RUN_ID_PROPERTY_NAME,
                        LoadTest.MERGE_FROM_PROPERTY_NAME,
                        LoadTest.REPORT_DIR_PROPERTY_NAME);
        assertThat(known).containsAll(given);
    }

    private static Stream<Path> list(Path folder) {
        try {
            return Files.list(folder).filter(Files::isRegularFile).sorted().toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A manifest as {@code envsubst} leaves it, read into Kubernetes' object model. */
    private static Job job(String manifest) throws IOException {
        String text = Files.readString(Path.of(manifest));
        for (Map.Entry<String, String> variable : RUN.entrySet()) {
            text = text.replace("${" + variable.getKey() + "}", variable.getValue());
        }
        return YAML.readValue(text, Job.class);
    }

    private static String commandOf(Container container) {
        List<String> words = new ArrayList<>(container.getCommand());
        words.addAll(container.getArgs());
        return String.join(" ", words).replaceAll("\\s+", " ") + " ";
    }

    private static String stepsRun(JsonNode job) {
        return job.path("steps").findValuesAsText("run").stream()
                        .collect(Collectors.joining(" "))
                        .replaceAll("\\s+", " ")
                + " ";
    }

    /**
     * Fields the object model did not know: Kubernetes' classes keep them aside as additional
     * properties rather than refusing them, so every object of the tree is asked.
     */
    private static void unknownFields(Object value, String path, List<String> unknown) throws Exception {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), unknown);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object property = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            unknownFields(property, path + "." + getter.getName().substring(3), unknown);
        }
    }
}
