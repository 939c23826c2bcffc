package io.github.junitloadtest.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.junitloadtest.api.LoadTestResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's metrics text read, and its readings folded into the figures the results show. */
class TargetReadingsTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aPrometheusTextGivesItsSamplesWithLabelsEscapesSpecialValuesTimestampsAndExemplars() {
        MetricsText.Parsed parsed = MetricsText.parse("""
                # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
                # TYPE process_cpu_seconds_total counter
                process_cpu_seconds_total 12.5
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7 1700000000000
                jvm_memory_used_bytes{area="heap",id="G1 \\"Old\\" Gen",} 3e7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5e7
                http_server_requests_seconds_bucket{le="+Inf"} 42 # {trace_id="abc"} 0.5 1700000000.1
                broken_gauge NaN
                not a sample line
                odd{label="unterminated} 1
                # EOF
                """);

        assertThat(parsed.malformedLines()).isEqualTo(2);
        assertThat(parsed.samples()).hasSize(6);
        assertThat(parsed.sum("process_cpu_seconds_total", Map.of())).isEqualTo(12.5);
        assertThat(parsed.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isEqualTo(4e7);
        assertThat(parsed.samples().get(2).labels()).containsEntry("id", "G1 \"Old\" Gen");
        assertThat(parsed.sum("http_server_requests_seconds_bucket", Map.of("le", "+Inf")))
                .isEqualTo(42.0);
        assertThat(parsed.samples().get(5).value()).isNaN();
        assertThat(parsed.sum("broken_gauge", Map.of())).isNull();
        assertThat(parsed.sum("absent", Map.of())).isNull();
    }

    @Test
    void readingsBeforeDuringAndAfterGiveThePeakCoresCpuPerThousandRequestsPeakMemoryAndQueries() {
        TargetReadings readings = new TargetReadings("http://127.0.0.1:8080/actuator/prometheus", "");
        readings.add(0, reading(10.0, 300, 100, 0.4));
        // 1.5 cores in the first second, 0.5 in the next two; memory peaks at 420 MiB in between.
        readings.add(SECOND, reading(11.5, 420, 600, 2.9));
        readings.add(3 * SECOND, reading(12.5, 380, 1100, 5.4));

        LoadTestResult.TargetUsage usage = readings.usage(2000);

        assertThat(usage.scrapes()).isEqualTo(3);
        assertThat(usage.failedScrapes()).isZero();
        assertThat(usage.peakCores()).isCloseTo(1.5, within(1e-9));
        assertThat(usage.cpuSecondsPerThousandRequests()).isCloseTo(1.25, within(1e-9));
        assertThat(usage.cpuMetric()).isEqualTo("process_cpu_seconds_total");
        assertThat(usage.peakMemoryMiB()).isCloseTo(420.0, within(1e-9));
        assertThat(usage.memoryMetric()).isEqualTo("process_resident_memory_bytes");
        assertThat(usage.queries()).isEqualTo(1000);
        assertThat(usage.meanQueryMillis()).isCloseTo(5.0, within(1e-9));
        assertThat(usage.queryMetric()).isEqualTo("spring_data_repository_invocations_seconds");
    }

    @Test
    void micrometersOwnNamesAreReadAndAMissingFigureIsNullNotZero() {
        TargetReadings readings = new TargetReadings("http://service/actuator/prometheus", "");
        readings.add(0, MetricsText.parse("""
                process_cpu_usage 0.25
                system_cpu_count 4
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 104857600
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 104857600
                """));
        readings.add(SECOND, MetricsText.parse("""
                process_cpu_usage 0.5
                system_cpu_count 4
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 52428800
                """));

        LoadTestResult.TargetUsage usage = readings.usage(100);

        assertThat(usage.peakCores()).isEqualTo(2.0);
        assertThat(usage.cpuSecondsPerThousandRequests()).isNull();
        assertThat(usage.peakMemoryMiB()).isEqualTo(200.0);
        assertThat(usage.memoryMetric()).isEqualTo("jvm_memory_used_bytes{area=\"heap\"}");
        assertThat(usage.queries()).isNull();
        assertThat(usage.meanQueryMillis()).isNull();
        assertThat(usage.queryMetric()).isEmpty();
    }

    @Test
    void aNamedQueryTimerIsReadInsteadOfTheKnownOnesAndAFailedReadingIsCountedWithItsReason() {
        TargetReadings readings = new TargetReadings("http://service/metrics", "orders_db_seconds");
        readings.add(
                0,
                MetricsText.parse("orders_db_seconds_count 10\norders_db_seconds_sum 1\n"
                        + "spring_data_repository_invocations_seconds_count 99\n"));
        readings.failed("GET http://service/metrics returned status 503");
        readings.failed("GET http://service/metrics took longer than 3 s");
        readings.add(SECOND, MetricsText.parse("orders_db_seconds_count 30\norders_db_seconds_sum 3\n"));

        LoadTestResult.TargetUsage usage = readings.usage(20);

        assertThat(usage.queries()).isEqualTo(20);
        assertThat(usage.meanQueryMillis()).isCloseTo(100.0, within(1e-9));
        assertThat(usage.queryMetric()).isEqualTo("orders_db_seconds");
        assertThat(usage.failedScrapes()).isEqualTo(2);
        assertThat(usage.problem()).isEqualTo("GET http://service/metrics returned status 503");
    }

    @Test
    void aSingleReadingHasNoFiguresThatNeedTwo() {
        TargetReadings readings = new TargetReadings("http://service/metrics", "");
        readings.add(0, reading(10, 300, 100, 0.4));

        LoadTestResult.TargetUsage usage = readings.usage(100);

        assertThat(usage.peakCores()).isNull();
        assertThat(usage.cpuSecondsPerThousandRequests()).isNull();
        assertThat(usage.queries()).isNull();
        assertThat(usage.peakMemoryMiB()).isEqualTo(300.0);
    }

    private static MetricsText.Parsed reading(
            double cpuSeconds, double residentMiB, long queries, double querySeconds) {
        return MetricsText.parse("process_cpu_seconds_total " + cpuSeconds + "\n"
                + "process_resident_memory_bytes " + (long) (residentMiB * 1024 * 1024) + "\n"
                + "spring_data_repository_invocations_seconds_count{method=\"findAll\"} " + queries + "\n"
                + "spring_data_repository_invocations_seconds_sum{method=\"findAll\"} " + querySeconds + "\n");
    }
}
