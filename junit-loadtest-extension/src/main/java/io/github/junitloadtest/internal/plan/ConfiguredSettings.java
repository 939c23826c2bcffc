package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadTestTarget;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The engine's answer to {@link LoadTestTarget#configuredBaseUrl}: the plan's own precedence. */
public final class ConfiguredSettings implements LoadTestTarget.SettingsLookup {

    @Override
    public Optional<LoadTestTarget.Configured> configuredBaseUrl(ExtensionContext context) {
        return BaseUrl.configured(Settings.of(context))
                .map(named -> new LoadTestTarget.Configured(named.uri(), named.source()));
    }
}
