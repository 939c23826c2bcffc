package io.github.junitloadtest.internal.run;

import io.github.junitloadtest.internal.execute.Workers;
import io.github.junitloadtest.internal.http.Transport;
import io.github.junitloadtest.internal.report.Console;
import io.github.junitloadtest.internal.schedule.NanoClock;
import io.github.junitloadtest.internal.schedule.Pacer;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.IntFunction;

/**
 * What a run takes from the world: its clocks, how it waits, the threads that run iterations, how its
 * requests go out, and where it prints. The real one for tests that load; a manual one lets a test run the whole pipeline
 * with exact expectations and no sleeping.
 *
 * @param clock the run's clock, for every latency
 * @param pacer how the scheduler waits for the next arrival
 * @param wallClock the time of day, for the reports' start and end
 * @param workers the workers for a run, given its in-flight cap
 * @param transports opens the transport the run's requests go through
 * @param out where the run says what it does
 * @param terminal whether {@code out} is a terminal, which gets a progress line that redraws itself
 * @param slots when each load test of a shard starts, shared by the runs of one JVM
 */
public record RunEnvironment(
        NanoClock clock,
        Pacer pacer,
        Clock wallClock,
        IntFunction<Workers> workers,
        Transport.Factory transports,
        PrintStream out,
        boolean terminal,
        StartSlots slots) {

    private static final StartSlots JVM_SLOTS = new StartSlots();

    /** The real world: the system's clocks, parked waits, this JVM's workers and the console. */
    public static RunEnvironment system() {
        return new RunEnvironment(
                NanoClock.SYSTEM,
                Pacer.parking(NanoClock.SYSTEM),
                Clock.systemUTC(),
                Workers::forThisJvm,
                Transport.HTTP_1_1,
                Console.out(),
                Console.isTerminal(),
                JVM_SLOTS);
    }
}
