package io.github.junitloadtest.internal.report;

import io.github.junitloadtest.api.TimelinePoint;
import io.github.junitloadtest.internal.format.Numbers;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * One line of progress every few seconds for runs longer than ten seconds: elapsed of total time,
 * current rate against the target, recent p95 and errors so far. Every 2 s on a terminal, every 15 s
 * otherwise, so CI logs stay readable.
 */
public final class ProgressPrinter implements Consumer<TimelinePoint> {

    static final double MIN_RUN_SECONDS = 10;

    private final String testId;
    private final double totalSeconds;
    private final double targetRps;
    private final double everySeconds;
    private final PrintStream out;
    private double lastPrinted;
    private long iterationsSinceLast;
    private long errors;

    /**
     * A printer for one run.
     *
     * @param testId the test
     * @param totalSeconds the load's length
     * @param targetRps the requested rate, zero for a closed model
     * @param terminal whether the output is a terminal
     * @param out where to print
     */
    public ProgressPrinter(String testId, double totalSeconds, double targetRps, boolean terminal, PrintStream out) {
        this.testId = testId;
        this.totalSeconds = totalSeconds;
        this.targetRps = targetRps;
        this.everySeconds = terminal ? 2 : 15;
        this.out = out;
    }

    @Override
    public void accept(TimelinePoint point) {
        iterationsSinceLast += point.iterations();
        errors += point.failures();
        if (totalSeconds <= MIN_RUN_SECONDS || point.endSeconds() - lastPrinted < everySeconds) {
            return;
        }
        double rate = iterationsSinceLast / (point.endSeconds() - lastPrinted);
        out.println(
                "  … " + testId + " " + Numbers.format(point.endSeconds(), 0) + "/" + Numbers.format(totalSeconds, 0)
                        + " s, " + Numbers.format(rate, 1) + " req/s"
                        + (targetRps > 0 ? " (target " + Numbers.format(targetRps, 3) + ")" : "") + ", p95 "
                        + Numbers.format(point.windowP95Millis(), 1) + " ms (recent), " + errors
                        + " errors so far");
        lastPrinted = point.endSeconds();
        iterationsSinceLast = 0;
    }
}
