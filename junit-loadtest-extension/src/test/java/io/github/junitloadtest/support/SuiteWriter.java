package io.github.junitloadtest.support;

import io.github.junitloadtest.internal.report.Build;
import io.github.junitloadtest.internal.report.SuiteEntry;
import io.github.junitloadtest.internal.report.SuiteReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Puts tests on the suite pages from a JVM of its own, as another fork of a build would. Arguments:
 * the report folder, the build id, a test name prefix and how many tests.
 */
public final class SuiteWriter {

    private SuiteWriter() {}

    public static void main(String[] args) {
        write(Path.of(args[0]), args[1], args[2], Integer.parseInt(args[3]));
    }

    /** Records {@code count} passed tests named {@code <prefix>.test<i>}, one page rebuild each. */
    public static void write(Path dir, String buildId, String prefix, int count) {
        Build build = Build.current(Optional.of(buildId));
        for (int i = 0; i < count; i++) {
            Instant now = Instant.now();
            SuiteEntry entry = SuiteEntry.of(
                    prefix + ".test" + i, Optional.empty(), SuiteEntry.Status.PASSED, Optional.empty(), build, now);
            SuiteReport.record(entry, dir, build, now);
        }
    }
}
