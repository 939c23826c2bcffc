package io.github.junitloadtest.internal.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Checks base URLs: absolute, http or https, with a host. */
public final class BaseUrl {

    private BaseUrl() {}

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
