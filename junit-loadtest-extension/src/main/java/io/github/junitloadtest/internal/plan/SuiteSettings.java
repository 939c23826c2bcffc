package io.github.junitloadtest.internal.plan;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a load test's entry on the suite pages goes, and which build it belongs to.
 *
 * @param reportDir the report folder
 * @param buildId the id that {@code loadtest.buildId} gave the build, if any
 */
public record SuiteSettings(Path reportDir, Optional<String> buildId) {

    public SuiteSettings {
        buildId = buildId.filter(id -> !id.isBlank());
    }
}
