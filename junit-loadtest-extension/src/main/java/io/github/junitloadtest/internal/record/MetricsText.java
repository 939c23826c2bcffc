package io.github.junitloadtest.internal.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition (format 0.0.4) or an OpenMetrics one, as a service's
 * metrics endpoint serves them: {@code name{label="value",…} value [timestamp] [# exemplar]} per line,
 * comments and metadata lines skipped. A line that is none of these is counted, not guessed at.
 */
public final class MetricsText {

    /**
     * One sample.
     *
     * @param name the metric's name, suffix included ({@code process_cpu_seconds_total})
     * @param labels its labels, in the order written
     * @param value its value; {@code NaN} and the infinities as the text says
     */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    /**
     * What a text held.
     *
     * @param samples its samples, in order
     * @param malformedLines lines that were neither a sample nor a comment
     */
    public record Parsed(List<Sample> samples, int malformedLines) {
        public Parsed {
            samples = List.copyOf(samples);
        }

        /**
         * The sum of a metric's samples whose labels include these, if it has any.
         *
         * @param name the metric's name
         * @param labels label values the samples must have; empty for every sample of the name
         * @return the sum, or null when no sample matched
         */
        public @org.jspecify.annotations.Nullable Double sum(String name, Map<String, String> labels) {
            double sum = 0;
            boolean found = false;
            for (Sample sample : samples) {
                if (sample.name.equals(name)
                        && sample.labels.entrySet().containsAll(labels.entrySet())
                        && !Double.isNaN(sample.value)) {
                    sum += sample.value;
                    found = true;
                }
            }
            return found ? sum : null;
        }
    }

    private MetricsText() {}

    /**
     * Reads an exposition.
     *
     * @param text the endpoint's body
     * @return its samples
     */
    public static Parsed parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int malformed = 0;
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Sample sample = sample(line.strip());
            if (sample == null) {
                malformed++;
            } else {
                samples.add(sample);
            }
        }
        return new Parsed(samples, malformed);
    }

    private static @org.jspecify.annotations.Nullable Sample sample(String line) {
        int at = 0;
        while (at < line.length() && isNameChar(line.charAt(at), at == 0)) {
            at++;
        }
        if (at == 0) {
            return null;
        }
        String name = line.substring(0, at);
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at = labels(line, at + 1, labels);
            if (at < 0) {
                return null;
            }
        }
        String rest = line.substring(at).strip();
        // The value, then an optional timestamp and an optional exemplar: only the value is read.
        int end = 0;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return null;
        }
        Double value = value(rest.substring(0, end));
        return value == null ? null : new Sample(name, labels, value);
    }

    /** Reads {@code a="x",b="y"}} from just after the brace; the index after the closing brace, or -1. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int at = from;
        while (true) {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == ',')) {
                at++;
            }
            if (at >= line.length()) {
                return -1;
            }
            if (line.charAt(at) == '}') {
                return at + 1;
            }
            int nameStart = at;
            while (at < line.length() && isNameChar(line.charAt(at), at == nameStart)) {
                at++;
            }
            if (at == nameStart || at + 1 >= line.length() || line.charAt(at) != '=' || line.charAt(at + 1) != '"') {
                return -1;
            }
            String labelName = line.substring(nameStart, at);
            at += 2;
            StringBuilder value = new StringBuilder();
            while (at < line.length() && line.charAt(at) != '"') {
                char c = line.charAt(at);
                if (c == '\\' && at + 1 < line.length()) {
                    char escaped = line.charAt(++at);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                at++;
            }
            if (at >= line.length()) {
                return -1;
            }
            labels.put(labelName, value.toString());
            at++;
        }
    }

    private static @org.jspecify.annotations.Nullable Double value(String text) {
        switch (text) {
            case "+Inf", "Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "NaN" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            }
        }
    }

    private static boolean isNameChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '_'
                || c == ':'
                || (!first && c >= '0' && c <= '9');
    }
}
