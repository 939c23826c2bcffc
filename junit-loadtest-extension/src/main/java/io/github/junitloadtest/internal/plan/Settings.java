package io.github.junitloadtest.internal.plan;

import java.util.Optional;

/** Where a run's outside settings come from; the extension reads the JVM and JUnit, tests pass their own. */
public interface Settings {

    /** A JVM system property. */
    Optional<String> systemProperty(String key);

    /** An environment variable. */
    Optional<String> environmentVariable(String name);

    /** A JUnit configuration parameter, for example from {@code junit-platform.properties}. */
    Optional<String> configurationParameter(String key);
}
