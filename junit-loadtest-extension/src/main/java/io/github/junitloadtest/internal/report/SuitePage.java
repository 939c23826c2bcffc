package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.internal.format.Numbers;
import io.github.junitloadtest.internal.report.SuiteEntry.Status;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the suite pages say about one build, worked out once for the Markdown and the HTML page.
 *
 * @param build the build
 * @param entries its load tests, in the order they started
 * @param updated when the pages were rebuilt
 */
public record SuitePage(Build build, List<SuiteEntry> entries, Instant updated) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public SuitePage {
        entries = entries.stream()
                .sorted(Comparator.comparing((SuiteEntry entry) -> Instant.parse(entry.startTime()))
                        .thenComparing(SuiteEntry::test))
                .toList();
    }

    /** The load tests that did not pass. */
    public long notPassed() {
        return entries.stream().filter(entry -> !entry.passed()).count();
    }

    /**
     * How many did not pass, and from how many JVMs: {@code "1 failed (1 configuration error), from 2 JVMs"};
     * "failed" counts every test that did not pass.
     */
    public String failures() {
        Map<String, Long> others = new TreeMap<>(entries.stream()
                .filter(entry -> !entry.passed() && entry.status() != Status.FAILED)
                .collect(Collectors.groupingBy(entry -> entry.status().label(), Collectors.counting())));
        String kinds = others.entrySet().stream()
                .map(kind -> kind.getValue() + " " + kind.getKey())
                .collect(Collectors.joining(", "));
        long jvms = entries.stream().map(SuiteEntry::jvm).distinct().count();
        return notPassed() + " failed" + (kinds.isEmpty() ? "" : " (" + kinds + ")")
                + (jvms > 1 ? ", from " + jvms + " JVMs" : "");
    }

    /** When the build's load tests started and when the pages were rebuilt. */
    public String times() {
        String started = entries.stream()
                .map(entry -> Instant.parse(entry.startTime()))
                .min(Comparator.naturalOrder())
                .map(TIME::format)
                .orElse("-");
        return "load tests from " + started + ", page updated " + TIME.format(updated);
    }

    /** Where the load went: {@code "http://127.0.0.1:8089 (embedded stub)"}; several, comma-separated. */
    public String targets() {
        String targets = measured()
                .map(entry -> entry.target().baseUrl().isEmpty()
                        ? "no base URL"
                        : entry.target().baseUrl() + (entry.target().stub() ? " (embedded stub)" : ""))
                .distinct()
                .collect(Collectors.joining(", "));
        return targets.isEmpty() ? "none: no load test sent load" : targets;
    }

    /** The duration scales of the tests that sent load: {@code "1"}, {@code "0.05 (scaled run)"}. */
    public String durationScales() {
        String scales = measured()
                .map(entry -> entry.target().durationScale())
                .distinct()
                .sorted()
                .map(scale -> Numbers.format(scale, 4) + (scale == 1 ? "" : " (scaled run)"))
                .collect(Collectors.joining(", "));
        return scales.isEmpty() ? "-" : scales;
    }

    /** Whether the build may be approved for production. */
    public Approval approval() {
        return Approval.of(
                notPassed(),
                entries.size(),
                measured().map(entry -> entry.target().durationScale()).toList(),
                measured().map(entry -> entry.target().rateScale()).toList(),
                measured().anyMatch(entry -> entry.target().stub()));
    }

    /** What a rejected approval says: {@code "1 of 2 load tests did not pass"}. */
    public String rejection() {
        return notPassed() + " of " + entries.size() + " load test" + (entries.size() == 1 ? "" : "s")
                + " did not pass";
    }

    private Stream<SuiteEntry> measured() {
        return entries.stream().filter(SuiteEntry::measured);
    }
}
