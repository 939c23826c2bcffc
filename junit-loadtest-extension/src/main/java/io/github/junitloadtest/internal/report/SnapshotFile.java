package io.github.junitloadtest.internal.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.internal.record.LatencyDistribution;
import io.github.junitloadtest.internal.record.RunSnapshot;
import io.github.junitloadtest.internal.record.ShardRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RunSnapshot} as a file ({@code snapshots/<test>.json} in the report folder, apart from the
 * results, so that a reader of {@code *.json} there finds results only) that reads back to an equal
 * snapshot: JSON for the counts and the plan's identity, each histogram in HdrHistogram's own
 * compressed encoding (Base64) beside the exact sum of its microseconds.
 *
 * <pre>{@code
 * {"format":"junit-loadtest-snapshot","version":2,
 *  "snapshot":{"identity":{...},"start":"2026-12-01T10:00:00Z",...,
 *              "recording":{"corrected":{"histogram":"HISTFAAAA...","totalMicros":1234567},...}}}
 * }</pre>
 */
public final class SnapshotFile {

    /** The format's name, the first field of every snapshot file. */
    static final String FORMAT = "junit-loadtest-snapshot";

    /** The format's version; a reader refuses another. */
    static final int VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule("snapshot")
                    .addSerializer(LatencyDistribution.class, new DistributionWriter())
                    .addDeserializer(LatencyDistribution.class, new DistributionReader())
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantReader())
                    .addDeserializer(LoadTestResult.TargetUsage.class, new TargetUsageReader()))
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private SnapshotFile() {}

    /** The mapper that reads and writes snapshots, for files that hold one. */
    static ObjectMapper mapper() {
        return JSON;
    }

    /** The folder of the snapshots in a report folder. */
    public static final String FOLDER = "snapshots";

    /** The file a test's snapshot goes to in a report folder. */
    public static Path fileIn(Path dir, String test) {
        return dir.resolve(FOLDER).resolve(ReportFiles.safeName(test) + ".json");
    }

    /** The file a shard's snapshot goes to in a report folder: {@code snapshots/<test>.shard-2-of-4.json}. */
    public static Path shardFileIn(Path dir, String test, ShardRecord shard) {
        return dir.resolve(FOLDER)
                .resolve(ReportFiles.safeName(test) + ".shard-" + shard.index() + "-of-" + shard.count() + ".json");
    }

    /**
     * Every shard's snapshot of a test in a folder and its sub-folders, however the shards' report
     * folders were gathered there.
     *
     * @param root the folder
     * @param test the test
     * @return the files, in path order
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static List<Path> shardFilesUnder(Path root, String test) {
        Pattern name = Pattern.compile(Pattern.quote(ReportFiles.safeName(test)) + "\\.shard-\\d+-of-\\d+\\.json");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(
                            file -> name.matcher(file.getFileName().toString()).matches())
                    .filter(file -> file.getParent() != null
                            && file.getParent().getFileName() != null
                            && file.getParent().getFileName().toString().equals(FOLDER))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not look for shard snapshots under " + root.toAbsolutePath(), e);
        }
    }

    /**
     * Writes a snapshot to {@code <dir>/snapshots/<test>.json}, or a shard's to its own name.
     *
     * @param snapshot the snapshot
     * @param dir the report folder, created if missing
     * @param ofShard whether it is one shard's snapshot, which must not take the name of the whole run's
     * @return the file written
     */
    public static Path write(RunSnapshot snapshot, Path dir, boolean ofShard) {
        Path file = ofShard && snapshot.shards().size() == 1
                ? shardFileIn(dir, snapshot.identity().test(), snapshot.shards().get(0))
                : fileIn(dir, snapshot.identity().test());
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), new Envelope(FORMAT, VERSION, snapshot));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the run snapshot to " + file.toAbsolutePath(), e);
        }
    }

    /**
     * Reads a snapshot written by {@link #write}.
     *
     * @param file the snapshot file
     * @return the snapshot
     * @throws UncheckedIOException when the file cannot be read or is not a snapshot of this version
     */
    public static RunSnapshot read(Path file) {
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the run snapshot " + file.toAbsolutePath(), e);
        }
        if (!FORMAT.equals(tree.path("format").asText()) || tree.path("version").asInt() != VERSION) {
            throw new UncheckedIOException(new IOException(file.toAbsolutePath() + " is not a run snapshot of version "
                    + VERSION + ": it starts with format ["
                    + tree.path("format").asText() + "], version ["
                    + tree.path("version").asText() + "]"));
        }
        try {
            return snapshotOf(tree.get("snapshot"));
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException(
                    "could not read the run snapshot " + file.toAbsolutePath() + ": " + e.getMessage(), e));
        }
    }

    /**
     * A snapshot from its JSON, figures added to the format since version 2 taken as absent when a file
     * written before them lacks them: a recorded baseline stays readable.
     *
     * @param snapshot the snapshot's JSON
     * @return the snapshot
     * @throws IOException when it is not a snapshot
     */
    static RunSnapshot snapshotOf(@Nullable JsonNode snapshot) throws IOException {
        if (snapshot instanceof ObjectNode written && !written.has("target")) {
            written.set("target", JSON.valueToTree(LoadTestResult.TargetUsage.NONE));
        }
        if (snapshot != null && snapshot.path("accounting") instanceof ObjectNode accounting) {
            for (String added : List.of("sentPerSecond", "duePerSecond")) {
                if (!accounting.has(added)) {
                    accounting.putArray(added);
                }
            }
        }
        return JSON.treeToValue(snapshot, RunSnapshot.class);
    }

    /** The file's top level: what it is, then the snapshot. */
    private record Envelope(String format, int version, RunSnapshot snapshot) {}

    private static final class DistributionWriter extends StdSerializer<LatencyDistribution> {
        private static final long serialVersionUID = 1L;

        DistributionWriter() {
            super(LatencyDistribution.class);
        }

        @Override
        public void serialize(LatencyDistribution value, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            out.writeStartObject();
            out.writeStringField("histogram", value.encoded());
            out.writeNumberField("totalMicros", value.totalMicros());
            out.writeEndObject();
        }
    }

    private static final class DistributionReader extends StdDeserializer<LatencyDistribution> {
        private static final long serialVersionUID = 1L;

        DistributionReader() {
            super(LatencyDistribution.class);
        }

        @Override
        public LatencyDistribution deserialize(JsonParser in, DeserializationContext context) throws IOException {
            JsonNode node = in.readValueAsTree();
            if (!node.path("histogram").isTextual() || !node.path("totalMicros").canConvertToLong()) {
                throw context.weirdStringException(
                        node.toString(),
                        LatencyDistribution.class,
                        "expected {\"histogram\": <Base64>, \"totalMicros\": <number>}");
            }
            return LatencyDistribution.decode(
                    node.get("histogram").asText(), node.get("totalMicros").asLong());
        }
    }

    /** The service's figures, each of which is null when its endpoint did not expose it. */
    private static final class TargetUsageReader extends StdDeserializer<LoadTestResult.TargetUsage> {
        private static final long serialVersionUID = 1L;

        TargetUsageReader() {
            super(LoadTestResult.TargetUsage.class);
        }

        @Override
        public LoadTestResult.TargetUsage deserialize(JsonParser in, DeserializationContext context)
                throws IOException {
            JsonNode node = in.readValueAsTree();
            return new LoadTestResult.TargetUsage(
                    node.path("source").asText(""),
                    node.path("scrapes").asInt(),
                    node.path("failedScrapes").asInt(),
                    node.path("problem").asText(""),
                    number(node, "peakCores"),
                    number(node, "cpuSecondsPerThousandRequests"),
                    node.path("cpuMetric").asText(""),
                    number(node, "peakMemoryMiB"),
                    node.path("memoryMetric").asText(""),
                    node.path("queries").isNumber() ? node.get("queries").asLong() : null,
                    number(node, "meanQueryMillis"),
                    node.path("queryMetric").asText(""));
        }

        private static @Nullable Double number(JsonNode node, String field) {
            return node.path(field).isNumber() ? node.get(field).asDouble() : null;
        }
    }

    private static final class InstantReader extends StdDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantReader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return Instant.parse(in.getValueAsString());
        }
    }
}
