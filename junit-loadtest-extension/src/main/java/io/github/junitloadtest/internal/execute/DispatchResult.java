package io.github.junitloadtest.internal.execute;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a run's arrivals went.
 *
 * @param startNanos the clock reading of the first arrival's intended start
 * @param endNanos when the last iteration ended or was abandoned
 * @param scheduled arrivals due within the duration
 * @param sent arrivals that started an iteration
 * @param late arrivals that found every worker busy and waited for one (they may have started or been dropped)
 * @param measuredScheduled arrivals due after the warm-up
 * @param measuredSent of those, the ones that started
 * @param interrupted whether the run was stopped by an interrupt
 * @param unfinished iterations that never finished, even after being interrupted at the end
 * @param fatal a configuration error raised inside an iteration, which stopped the run
 * @param aborted why the run stopped early because a threshold was certain to fail
 * @param firstSendNanos the clock reading when the first iteration was handed to a worker, if any was
 * @param sentPerSecond arrivals handed to a worker in each whole second after the start, warm-up
 *     included; empty for a closed model
 * @param duePerSecond arrivals due in each whole second after the start; empty for a closed model
 */
public record DispatchResult(
        long startNanos,
        long endNanos,
        long scheduled,
        long sent,
        long late,
        long measuredScheduled,
        long measuredSent,
        boolean interrupted,
        long unfinished,
        Optional<RuntimeException> fatal,
        Optional<String> aborted,
        OptionalLong firstSendNanos,
        List<Long> sentPerSecond,
        List<Long> duePerSecond) {

    /** Arrivals never started: {@code scheduled - sent}. */
    public long dropped() {
        return scheduled - sent;
    }
}
