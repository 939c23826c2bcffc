package io.github.junitloadtest.factory;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The stub's metrics endpoint, {@value #PATH}, in the Prometheus text format a Spring Boot service
 * serves at {@code /actuator/prometheus}: the stub's process CPU and memory, as a Prometheus client's
 * default process metrics and Micrometer's JVM heap (the stub shares its JVM with the load tests, so
 * they are that JVM's), and a Spring Data repository timer in which every API request the stub
 * answered counts as one query lasting 60 % of its delay, as a service backed by a database would.
 */
final class StubMetrics implements ResponseTransformerV2 {

    static final String NAME = "stub-metrics";
    static final String PATH = "/actuator/prometheus";

    /** The share of a response's delay the modelled query takes. */
    static final double QUERY_SHARE = 0.6;

    private final LongAdder queries = new LongAdder();
    private final LongAdder queryMicros = new LongAdder();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** The listener that counts every API request answered as one query, applied to every request. */
    ServeEventListener counting() {
        return new ServeEventListener() {
            @Override
            public String getName() {
                return NAME + "-queries";
            }

            @Override
            public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
                if (serveEvent.getRequest().getUrl().startsWith("/api/")) {
                    queries.increment();
                    Integer delay = serveEvent.getTiming() == null
                            ? null
                            : serveEvent.getTiming().getAddedDelay();
                    queryMicros.add(Math.round((delay == null ? 0 : delay) * QUERY_SHARE * 1000));
                }
            }
        };
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        return Response.Builder.like(response)
                .but()
                .headers(new HttpHeaders(new HttpHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")))
                .body(text())
                .build();
    }

    String text() {
        StringBuilder out = new StringBuilder(1024);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            metric(
                    out,
                    "process_cpu_seconds_total",
                    "counter",
                    "Total user and system CPU time spent in seconds.",
                    os.getProcessCpuTime() / 1e9);
        }
        long resident = residentBytes();
        if (resident > 0) {
            metric(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", resident);
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.append("# HELP jvm_memory_used_bytes The amount of used memory\n# TYPE jvm_memory_used_bytes gauge\n")
                .append("jvm_memory_used_bytes{area=\"heap\",id=\"all\"} ")
                .append(heap.getUsed())
                .append('\n');
        String timer = "spring_data_repository_invocations_seconds";
        out.append("# HELP ")
                .append(timer)
                .append(" Duration of repository invocations\n")
                .append("# TYPE ")
                .append(timer)
                .append(" summary\n")
                .append(timer)
                .append("_count{repository=\"TemplateRepository\",state=\"SUCCESS\"} ")
                .append(queries.sum())
                .append('\n')
                .append(timer)
                .append("_sum{repository=\"TemplateRepository\",state=\"SUCCESS\"} ")
                .append(String.format(Locale.ROOT, "%.6f", queryMicros.sum() / 1e6))
                .append('\n');
        return out.toString();
    }

    private static void metric(StringBuilder out, String name, String type, String help, double value) {
        out.append("# HELP ")
                .append(name)
                .append(' ')
                .append(help)
                .append('\n')
                .append("# TYPE ")
                .append(name)
                .append(' ')
                .append(type)
                .append('\n')
                .append(name)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.6f", value))
                .append('\n');
    }

    /** Resident memory from {@code /proc/self/status} where there is one; 0 elsewhere. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException | SecurityException notLinux) {
            return 0;
        }
        return 0;
    }
}
