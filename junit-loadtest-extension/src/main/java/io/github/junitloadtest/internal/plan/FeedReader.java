package io.github.junitloadtest.internal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.junitloadtest.api.Feed;
import io.github.junitloadtest.api.LoadFeed;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Reads the records of a test method's {@link Feed} parameters, once, before any request; every
 * problem with one is a configuration problem of the test.
 */
final class FeedReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();

    private FeedReader() {}

    static List<LoadPlan.FeedSource> read(Class<?> testClass, Method method, ConfigurationProblems problems) {
        List<LoadPlan.FeedSource> feeds = new ArrayList<>();
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Feed feed = parameter.getAnnotation(Feed.class);
            boolean isFeed = parameter.getType() == LoadFeed.class;
            if (feed == null && isFeed) {
                problems.add(
                        "Parameter %d of method %s is a LoadFeed without @Feed; say where its records are, for"
                                + " example @Feed(\"users.csv\") LoadFeed<Map<String, String>> users.",
                        i + 1, problems.where);
                continue;
            }
            if (feed == null) {
                continue;
            }
            if (!isFeed) {
                problems.add(
                        "@Feed on parameter %d of method %s needs a parameter of type LoadFeed, but it is %s; for"
                                + " example @Feed(\"users.csv\") LoadFeed<Map<String, String>> users.",
                        i + 1, problems.where, parameter.getType().getSimpleName());
                continue;
            }
            String where = "@Feed on parameter " + (i + 1) + " of method " + problems.where;
            if (feed.value().isBlank() == feed.method().isBlank()) {
                problems.add(
                        "%s must name a file or a method, one of them; for example @Feed(\"users.csv\") or"
                                + " @Feed(method = \"users\").",
                        where);
                continue;
            }
            Optional<List<Object>> records = feed.value().isBlank()
                    ? fromMethod(testClass, feed.method().strip(), where, problems)
                    : fromFile(testClass, feed.value().strip(), where, problems);
            if (records.isPresent() && records.get().isEmpty()) {
                problems.add("%s has no records in %s; a feed needs at least one.", where, describe(feed));
            } else if (records.isPresent()) {
                feeds.add(new LoadPlan.FeedSource(i, describe(feed), feed.mode(), records.get()));
            }
        }
        return List.copyOf(feeds);
    }

    private static String describe(Feed feed) {
        return feed.value().isBlank()
                ? "method " + feed.method().strip() + "()"
                : feed.value().strip();
    }

    private static Optional<List<Object>> fromMethod(
            Class<?> testClass, String name, String where, ConfigurationProblems problems) {
        Optional<Method> found = ReflectionSupport.findMethod(testClass, name);
        if (found.isEmpty()
                || !Modifier.isStatic(found.get().getModifiers())
                || !Collection.class.isAssignableFrom(found.get().getReturnType())) {
            problems.add(
                    "%s names method [\"%s\"], but %s has no static method of that name taking nothing and returning"
                            + " a List; for example static List<String> %s() { return List.of(\"a\", \"b\"); }.",
                    where, name, testClass.getSimpleName(), name);
            return Optional.empty();
        }
        Object returned;
        try {
            Method source = found.get();
            source.setAccessible(true);
            returned = source.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException failed) {
            Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
            problems.add("%s could not take records from method %s(): %s.", where, name, cause.toString());
            return Optional.empty();
        }
        if (returned == null) {
            problems.add("%s takes records from method %s(), which returned null.", where, name);
            return Optional.empty();
        }
        List<Object> records = new ArrayList<>();
        int index = 0;
        for (Object record : (Collection<?>) returned) {
            index++;
            if (record == null) {
                problems.add("%s takes records from method %s(), whose record %d is null.", where, name, index);
                return Optional.empty();
            }
            records.add(record);
        }
        return Optional.of(List.copyOf(records));
    }

    private static Optional<List<Object>> fromFile(
            Class<?> testClass, String location, String where, ConfigurationProblems problems) {
        String lower = location.toLowerCase(Locale.ROOT);
        boolean csv = lower.endsWith(".csv");
        boolean jsonLines = lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
        if (!csv && !jsonLines) {
            problems.add(
                    "%s names [\"%s\"], which is neither a CSV file (.csv) nor JSON lines (.jsonl, .ndjson); for"
                            + " example @Feed(\"users.csv\").",
                    where, location);
            return Optional.empty();
        }
        Optional<byte[]> bytes = bytesOf(testClass, location, where, problems);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(csv ? csvRecords(bytes.get()) : jsonLines(bytes.get()));
        } catch (IOException | RuntimeException malformed) {
            problems.add("%s could not read [\"%s\"]: %s.", where, location, malformed.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<byte[]> bytesOf(
            Class<?> testClass, String location, String where, ConfigurationProblems problems) {
        ClassLoader loader = testClass.getClassLoader();
        URL resource =
                loader == null ? null : loader.getResource(location.startsWith("/") ? location.substring(1) : location);
        try {
            if (resource != null) {
                try (InputStream in = resource.openStream()) {
                    return Optional.of(in.readAllBytes());
                }
            }
            Path path = Path.of(location);
            if (Files.isRegularFile(path)) {
                return Optional.of(Files.readAllBytes(path));
            }
            problems.add(
                    "%s names [\"%s\"], found neither on the test class path nor at %s; put it in"
                            + " src/test/resources, for example.",
                    where, location, path.toAbsolutePath());
        } catch (IOException | InvalidPathException unreadable) {
            problems.add("%s could not read [\"%s\"]: %s.", where, location, unreadable.getMessage());
        }
        return Optional.empty();
    }

    private static List<Object> csvRecords(byte[] bytes) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Object> records = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows =
                CSV.readerForMapOf(String.class).with(schema).readValues(bytes)) {
            while (rows.hasNextValue()) {
                records.add(java.util.Collections.unmodifiableMap(rows.nextValue()));
            }
        }
        return List.copyOf(records);
    }

    private static List<Object> jsonLines(byte[] bytes) throws IOException {
        List<Object> records = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode record;
            try {
                record = JSON.readTree(lines[i]);
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                throw new IOException(
                        "line " + (i + 1) + " is not JSON (" + notJson.getOriginalMessage() + ")", notJson);
            }
            records.add(record);
        }
        return List.copyOf(records);
    }
}
