package io.github.junitloadtest.internal.record;

import io.github.junitloadtest.api.LoadTestResult;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The service's own metrics endpoint, read again and again over a run and folded as the readings come:
 * the first and the last reading, and the peaks between, so memory stays flat however long the run.
 *
 * <p>The metric names of the common exporters are understood: the Prometheus clients' default process
 * metrics ({@code process_cpu_seconds_total}, {@code process_resident_memory_bytes}, as a node or
 * process exporter gives them too), Micrometer's JVM and process binders ({@code process_cpu_time_ns_total},
 * {@code process_cpu_usage} with {@code system_cpu_count}, {@code jvm_memory_used_bytes}), and for
 * database queries Spring Data's repository timer and HikariCP's connection-usage timer.
 */
public final class TargetReadings {

    /** The Prometheus clients' CPU counter, in seconds. */
    static final String CPU_SECONDS = "process_cpu_seconds_total";

    /** Micrometer's CPU counter, in nanoseconds. */
    static final String CPU_NANOS = "process_cpu_time_ns_total";

    /** Micrometer's recent CPU share of the whole machine, read with the machine's core count. */
    static final String CPU_USAGE = "process_cpu_usage";

    static final String CPU_COUNT = "system_cpu_count";

    /** Resident memory, read before the JVM's heap. */
    static final String RESIDENT = "process_resident_memory_bytes";

    /** Micrometer's JVM memory in use, summed over the heap's pools. */
    static final String JVM_MEMORY = "jvm_memory_used_bytes";

    /** The CPU metrics, in the order they are looked for. */
    public static final List<String> CPU_METRICS = List.of(CPU_SECONDS, CPU_NANOS, CPU_USAGE);

    /** The memory metrics, in the order they are looked for. */
    public static final List<String> MEMORY_METRICS = List.of(RESIDENT, JVM_MEMORY + "{area=\"heap\"}");

    /** The timers that count database work, in the order they are looked for. */
    public static final List<String> QUERY_TIMERS =
            List.of("spring_data_repository_invocations_seconds", "hikaricp_connections_usage_seconds");

    private final String source;
    private final String configuredQueries;
    private int scrapes;
    private int failed;
    private String problem = "";
    private String cpuMetric = "";
    private String memoryMetric = "";
    private String queryMetric = "";
    private @Nullable Reading first;
    private @Nullable Reading previous;
    private @Nullable Double peakCores;
    private @Nullable Double peakMemoryBytes;

    private record Reading(
            long atNanos,
            @Nullable Double cpuSeconds,
            @Nullable Double queries,
            @Nullable Double querySeconds) {}

    /**
     * No readings yet.
     *
     * @param source the endpoint, redacted, as the results name it
     * @param queryMetric the timer counting database queries, or empty for those known by default
     */
    public TargetReadings(String source, String queryMetric) {
        this.source = source;
        this.configuredQueries = queryMetric;
    }

    /**
     * Adds a reading.
     *
     * @param atNanos when it was taken, on the run's clock
     * @param metrics what the endpoint answered
     */
    public synchronized void add(long atNanos, MetricsText.Parsed metrics) {
        scrapes++;
        Double cpu = cpuSeconds(metrics);
        Double memory = memoryBytes(metrics);
        if (memory != null) {
            peakMemoryBytes = max(peakMemoryBytes, memory);
        }
        Reading reading = new Reading(atNanos, cpu, queryFigure(metrics, "_count"), queryFigure(metrics, "_sum"));
        Reading before = previous;
        if (before != null && before.cpuSeconds != null && cpu != null && atNanos > before.atNanos) {
            double cores = (cpu - before.cpuSeconds) / ((atNanos - before.atNanos) / 1e9);
            if (cores >= 0) {
                peakCores = max(peakCores, cores);
            }
        }
        Double usage = metrics.sum(CPU_USAGE, Map.of());
        Double count = metrics.sum(CPU_COUNT, Map.of());
        if (cpu == null && usage != null && count != null) {
            cpuMetric = CPU_USAGE + " × " + CPU_COUNT;
            peakCores = max(peakCores, usage * count);
        }
        if (first == null) {
            first = reading;
        }
        previous = reading;
    }

    /**
     * Counts a reading that could not be taken.
     *
     * @param why what went wrong, for the results
     */
    public synchronized void failed(String why) {
        failed++;
        if (problem.isEmpty()) {
            problem = why;
        }
    }

    /**
     * What the service used, from the first reading to the last.
     *
     * @param requests the requests sent over the same time
     * @return the figures
     */
    public synchronized LoadTestResult.TargetUsage usage(long requests) {
        Reading start = first;
        Reading end = previous;
        Double cpuPerThousand = null;
        Long queries = null;
        Double meanQuery = null;
        if (start != null && end != null && scrapes > 1) {
            if (start.cpuSeconds != null
                    && end.cpuSeconds != null
                    && requests > 0
                    && end.cpuSeconds >= start.cpuSeconds) {
                cpuPerThousand = (end.cpuSeconds - start.cpuSeconds) / requests * 1000;
            }
            if (start.queries != null && end.queries != null && end.queries >= start.queries) {
                queries = Math.round(end.queries - start.queries);
                if (queries > 0 && start.querySeconds != null && end.querySeconds != null) {
                    meanQuery = (end.querySeconds - start.querySeconds) / queries * 1000;
                }
            }
        }
        return new LoadTestResult.TargetUsage(
                source,
                scrapes,
                failed,
                problem,
                peakCores,
                cpuPerThousand,
                cpuMetric,
                peakMemoryBytes == null ? null : peakMemoryBytes / (1024 * 1024),
                memoryMetric,
                queries,
                meanQuery,
                queries == null ? "" : queryMetric);
    }

    private @Nullable Double cpuSeconds(MetricsText.Parsed metrics) {
        Double seconds = metrics.sum(CPU_SECONDS, Map.of());
        if (seconds != null && (cpuMetric.isEmpty() || cpuMetric.equals(CPU_SECONDS))) {
            cpuMetric = CPU_SECONDS;
            return seconds;
        }
        Double nanos = metrics.sum(CPU_NANOS, Map.of());
        if (nanos != null && (cpuMetric.isEmpty() || cpuMetric.equals(CPU_NANOS))) {
            cpuMetric = CPU_NANOS;
            return nanos / 1e9;
        }
        return null;
    }

    private @Nullable Double memoryBytes(MetricsText.Parsed metrics) {
        Double resident = metrics.sum(RESIDENT, Map.of());
        if (resident != null && (memoryMetric.isEmpty() || memoryMetric.equals(RESIDENT))) {
            memoryMetric = RESIDENT;
            return resident;
        }
        Double heap = metrics.sum(JVM_MEMORY, Map.of("area", "heap"));
        String heapMetric = MEMORY_METRICS.get(1);
        if (heap != null && (memoryMetric.isEmpty() || memoryMetric.equals(heapMetric))) {
            memoryMetric = heapMetric;
            return heap;
        }
        return null;
    }

    private @Nullable Double queryFigure(MetricsText.Parsed metrics, String suffix) {
        if (queryMetric.isEmpty()) {
            for (String timer : configuredQueries.isEmpty() ? QUERY_TIMERS : List.of(configuredQueries)) {
                if (metrics.sum(timer + "_count", Map.of()) != null) {
                    queryMetric = timer;
                    break;
                }
            }
        }
        return queryMetric.isEmpty() ? null : metrics.sum(queryMetric + suffix, Map.of());
    }

    /** The higher of a peak so far, if any, and a new value. */
    private static double max(@Nullable Double peak, double value) {
        return peak == null ? value : Math.max(peak, value);
    }
}
