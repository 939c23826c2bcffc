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
            return parse(value)
                    .orElseThrow(() -> new ExtensionConfigurationException("Configuration error: " + problem()));
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
     * The base URL the user configured, by the one precedence every setting has: the system
     * property {@value LoadTest#BASE_URL_PROPERTY_NAME}, then the environment variable
     * {@value LoadTest#BASE_URL_ENVIRONMENT_VARIABLE}, then the JUnit configuration parameter
     * {@value LoadTest#BASE_URL_PROPERTY_NAME}. Blank values count as unset.
     *
     * @param settings where to look
     * @return the first one set, unchecked, or empty when none is
     */
    public static Optional<Named> configured(Settings settings) {
        return configured(new OutsideSettings(settings));
    }

    private static Optional<Named> configured(OutsideSettings outside) {
        return outside.get(LoadTest.BASE_URL_PROPERTY_NAME, Optional.of(LoadTest.BASE_URL_ENVIRONMENT_VARIABLE))
                .map(setting -> new Named(setting.source(), setting.value()));
    }

    /**
     * A test's base URL: the one the user configured, else the one another extension published,
     * else the annotation's.
     *
     * @param outside the outside settings
     * @param attribute {@code @LoadTest}'s {@code baseUrl}, blank when not declared
     * @param problems told when the base URL that wins is not one
     * @return the base URL, or empty when none is given anywhere
     */
    static Optional<URI> of(OutsideSettings outside, String attribute, ConfigurationProblems problems) {
        Optional<Named> named = configured(outside);
        if (named.isEmpty()) {
            named = outside.publishedBaseUrl().map(url -> new Named("the published base URL", url));
        }
        if (named.isEmpty() && !attribute.isBlank()) {
            named = Optional.of(new Named("@LoadTest on method " + problems.where + " attribute 'baseUrl'", attribute));
        }
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> uri = parse(named.get().value());
        if (uri.isEmpty()) {
            problems.add("%s", named.get().problem());
        }
        return uri;
    }

    /** Whether the base URL comes from a stub's publication, which only the user's own settings come before. */
    static boolean isStub(OutsideSettings outside) {
        return configured(outside).isEmpty()
                && outside.publishedBaseUrl().isPresent()
                && outside.publishedBaseUrlIsStub();
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
