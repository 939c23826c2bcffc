package io.github.junitloadtest.internal.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Settings from maps a test fills: system properties, environment, configuration parameters, a published base URL. */
final class MapSettings implements Settings {

    final Map<String, String> systemProperties = new HashMap<>();
    final Map<String, String> environment = new HashMap<>();
    final Map<String, String> configuration = new HashMap<>();
    Optional<String> published = Optional.empty();
    boolean publishedIsStub;

    @Override
    public Optional<String> systemProperty(String key) {
        return Optional.ofNullable(systemProperties.get(key));
    }

    @Override
    public java.util.Set<String> systemPropertyNames() {
        return systemProperties.keySet();
    }

    @Override
    public Optional<String> environmentVariable(String name) {
        return Optional.ofNullable(environment.get(name));
    }

    @Override
    public Optional<String> configurationParameter(String key) {
        return Optional.ofNullable(configuration.get(key));
    }

    @Override
    public Optional<String> publishedBaseUrl() {
        return published;
    }

    @Override
    public boolean publishedBaseUrlIsStub() {
        return publishedIsStub;
    }
}
