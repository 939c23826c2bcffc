package io.github.junitloadtest.internal.report;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.junitloadtest.api.LoadTestResult;
import io.github.junitloadtest.api.ThresholdResult;
import io.github.junitloadtest.internal.format.Redaction;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One load test on the suite pages, whatever became of it: written by the JVM that ran it to
 * {@code <report folder>/verdicts/<test>.json}, so that the pages can be rebuilt from every JVM of a build.
 *
 * @param build the id of the build it belongs to, or empty when none was given
 * @param jvm the JVM that ran it
 * @param written when the entry was written, ISO-8601
 * @param test the test, as {@code ClassName.methodName}
 * @param status what became of it
 * @param message why it did not pass, on one line and redacted; empty when it passed
 * @param measured whether it ran its load, so it has figures and reports of its own
 * @param startTime when its load started, or when it ended for a test that sent none, ISO-8601
 * @param load the load in words, or empty
 * @param requests iterations measured
 * @param failed of those, the ones that did not succeed
 * @param p95Millis corrected p95 latency
 * @param p99Millis corrected p99 latency
 * @param throughputRps successful iterations per second
 * @param target where its load went
 * @param broken the thresholds and rules it broke, with their limits and measured values; empty when
 *     none broke or it sent no load
 * @param capacityRps the capacity a capacity search found, or null
 */
public record SuiteEntry(
        String build,
        Jvm jvm,
        String written,
        String test,
        Status status,
        String message,
        boolean measured,
        String startTime,
        String load,
        long requests,
        long failed,
        double p95Millis,
        double p99Millis,
        double throughputRps,
        Target target,
        List<ThresholdResult> broken,
        @Nullable Double capacityRps) {

    public SuiteEntry {
        // Entries written before these fields existed have none.
        broken = broken == null ? List.of() : List.copyOf(broken);
    }

    private static final int MAX_MESSAGE_LENGTH = 600;

    /** What became of a load test; written as its label. */
    public enum Status {
        PASSED("passed"),
        FAILED("failed"),
        /** The load was stopped early because a threshold was certain to fail. */
        ABORTED("aborted"),
        INTERRUPTED("interrupted"),
        /** Rejected before any request was sent, or by a request the plan could not send. */
        CONFIGURATION_ERROR("configuration error"),
        /** Failed before its load started, for another reason than its configuration. */
        ERROR("error before the load"),
        /** Skipped by JUnit, for example by a failed assumption. */
        SKIPPED("skipped");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }

        /**
         * Decides the status from how the test ended in JUnit.
         *
         * @param result the load's result, if it ran
         * @param failure what the test failed or was skipped with, if anything
         * @param skipped whether JUnit skipped it (a failed assumption)
         * @return the status
         */
        public static Status of(Optional<LoadTestResult> result, Optional<Throwable> failure, boolean skipped) {
            if (skipped) {
                return SKIPPED;
            }
            if (failure.isEmpty()) {
                return PASSED;
            }
            if (failure.get() instanceof ExtensionConfigurationException) {
                return CONFIGURATION_ERROR;
            }
            if (result.isEmpty()) {
                return ERROR;
            }
            if (!result.get().aborted().isEmpty()) {
                return ABORTED;
            }
            return failure.get() instanceof InterruptedException ? INTERRUPTED : FAILED;
        }
    }

    /**
     * A JVM that ran load tests.
     *
     * @param pid its process id
     * @param started when it started, ISO-8601
     */
    public record Jvm(long pid, String started) {

        /** This JVM. */
        public static final Jvm THIS = new Jvm(
                ProcessHandle.current().pid(),
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
                        .toString());
    }

    /**
     * Where a load went.
     *
     * @param baseUrl the base URL, redacted, or empty
     * @param stub whether it was a stub that an extension published
     * @param durationScale the factor applied to the declared durations
     * @param rateScale the factor applied to the declared rates and user counts
     */
    public record Target(String baseUrl, boolean stub, double durationScale, double rateScale) {

        /** No load was sent. */
        public static final Target NONE = new Target("", false, 1, 1);

        public Target {
            // Entries written before the rate scale existed read it as 0: they ran at the declared rates.
            rateScale = rateScale == 0 ? 1 : rateScale;
        }
    }

    /**
     * The entry of a load test that has ended.
     *
     * @param test the test, as {@code ClassName.methodName}
     * @param result the load's result, if it ran
     * @param status what became of it
     * @param failure what it failed with, if anything
     * @param build the build it belongs to
     * @param now the time
     * @return the entry
     */
    public static SuiteEntry of(
            String test,
            Optional<LoadTestResult> result,
            Status status,
            Optional<Throwable> failure,
            Build build,
            Instant now) {
        String message = failure.map(SuiteEntry::oneLine).orElse("");
        if (result.isEmpty()) {
            return new SuiteEntry(
                    build.id(),
                    build.jvm(),
                    now.toString(),
                    test,
                    status,
                    message,
                    false,
                    now.toString(),
                    "",
                    0,
                    0,
                    0,
                    0,
                    0,
                    Target.NONE,
                    List.of(),
                    null);
        }
        LoadTestResult run = result.get();
        LoadTestResult.Configuration config = run.configuration();
        return new SuiteEntry(
                build.id(),
                build.jvm(),
                now.toString(),
                test,
                status,
                message,
                true,
                run.startTime(),
                config.load(),
                run.counts().measured(),
                run.counts().failed(),
                run.corrected().p95Millis(),
                run.corrected().p99Millis(),
                run.throughputRps(),
                new Target(config.baseUrl(), config.stubTarget(), config.durationScale(), config.rateScale()),
                run.thresholds().stream()
                        .filter(threshold -> !threshold.passed())
                        .toList(),
                run.capacity() == null ? null : run.capacity().capacityRps());
    }

    /** Whether it passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** Errors as the build printed them, on one line, without a secret a body or a URL could carry. */
    private static String oneLine(Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        String line = Redaction.DEFAULT
                .text(text)
                .replaceAll("\\s*[\\r\\n]+\\s*", "; ")
                .strip();
        return line.length() <= MAX_MESSAGE_LENGTH ? line : line.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
