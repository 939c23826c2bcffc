package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How often one named check passed, as k6 reports its checks.
 *
 * @param name the check's name, for example {@code "status is 200"}
 * @param passes how often it held
 * @param failures how often it did not
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CheckResult(String name, long passes, long failures) {

    /** The share of passes in percent; 100 when the check never ran. */
    public double passRate() {
        long total = passes + failures;
        return total == 0 ? 100 : 100.0 * passes / total;
    }
}
