package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.api.LoadTestResult.GeneratorUsage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;

/** Samples the generator's own CPU and heap use; called once a second from the coordinating thread. */
final class GeneratorMonitor {

    private final OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private double peakCpu;
    private long peakHeap;

    void sample() {
        if (system instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            double load = hotspot.getProcessCpuLoad();
            if (load >= 0) {
                peakCpu = Math.max(peakCpu, load * 100);
            }
        }
        peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
    }

    GeneratorUsage usage() {
        sample();
        return new GeneratorUsage(
                Math.round(peakCpu * 10) / 10.0,
                Math.round(peakHeap / 104857.6) / 10.0,
                Runtime.getRuntime().availableProcessors());
    }
}
