package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.internal.format.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Checks base URLs (absolute, http or https, with a host) and finds the one the user configured. */
public final class BaseUrl {

    private BaseUrl() {}

    /**
     * A base URL as given, and the setting that gave it.
     *
     * @param source the setting, for example {@code system property 'loadtest.baseUrl'}
     * @param value the value as given
     */
    public record Named(String source, String value) {

        /**
         * The value as a URI.
         *
         * @return the URI
         * @throws ExtensionConfigurationException naming the setting and the value, its credentials
         *     masked, when it is not an absolute http or https URL
         */
        public URI uri() {
            return parse(value).orElseThrow(() -> new ExtensionConfigurationException("Configuration error: "
                    + problem()));
        }

        /** Why the value is not a base URL, as one sentence for a list of configuration problems. */
        String problem() {
            // Redacted: a password that breaks the URL's syntax is exactly what would be quoted.
            return Character.toUpperCase(source.charAt(0)) + source.substring(1)
                    + " must be an absolute http or https URL, but was [\"" + Redaction.DEFAULT.url(value)
                    + "\"]; for example \"http://localhost:8080\".";
        }
    }

    /**
     * The base URL the user configured, by the one precedence every part of a run uses: the system
     * property {@value LoadTest#BASE_URL_PROPERTY_NAME}, then the environment variable
     * {@value LoadTest#BASE_URL_ENVIRONMENT_VARIABLE}, then the JUnit configuration parameter
     * {@value LoadTest#BASE_URL_PROPERTY_NAME}. Blank values count as unset.
     *
     * @param settings where to look
     * @return the first one set, unchecked, or empty when none is
     */
    public static Optional<Named> configured(Settings settings) {
        Optional<String> property = settings.systemProperty(LoadTest.BASE_URL_PROPERTY_NAME).filter(BaseUrl::isSet);
        if (property.isPresent()) {
            return Optional.of(new Named("system property '" + LoadTest.BASE_URL_PROPERTY_NAME + "'", property.get()));
        }
        Optional<String> variable = settings.environmentVariable(LoadTest.BASE_URL_ENVIRONMENT_VARIABLE).filter(BaseUrl::isSet);
        if (variable.isPresent()) {
            return Optional.of(new Named("environment variable " + LoadTest.BASE_URL_ENVIRONMENT_VARIABLE, variable.get()));
        }
        return settings.configurationParameter(LoadTest.BASE_URL_PROPERTY_NAME).filter(BaseUrl::isSet)
                .map(value -> new Named("configuration parameter '" + LoadTest.BASE_URL_PROPERTY_NAME + "'", value));
    }

    private static boolean isSet(String value) {
        return !value.isBlank();
    }

    /**
     * Parses a base URL.
     *
     * @param text for example {@code "http://localhost:8080"}
     * @return the URI, or empty when it is not an absolute http or https URL with a host
     */
    public static Optional<URI> parse(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String lower = scheme.toLowerCase(Locale.ROOT);
            return lower.equals("http") || lower.equals("https") ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
