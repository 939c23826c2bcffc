package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets another extension aim load tests at a server it started, such as a stub on a free port.
 *
 * <p>A published base URL applies to every load test in the given context and the contexts below
 * it. It comes after the system property, the {@code BASE_URL} environment variable and the
 * configuration parameter {@value LoadTest#BASE_URL_PROPERTY_NAME}, so a user can always aim the
 * same tests elsewhere, and before {@link LoadTest#baseUrl()}.
 *
 * <pre>{@code
 * public void beforeAll(ExtensionContext context) {
 *     LoadTestTarget.publishBaseUrl(context, URI.create("http://127.0.0.1:" + stub.port()));
 * }
 * }</pre>
 *
 * <p>An extension that starts a stub only when the user named no target asks
 * {@link #configuredBaseUrl} first: it reads the same settings, in the same order, as the load
 * tests do, so what the extension prints as its target is the target the tests load.
 *
 * <p>A stub says nothing about production: publish it with {@link #publishStubBaseUrl}, and the
 * reports of the load tests that ran against it say so and offer no approval for production.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LoadTestTarget {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoadTestTarget.class);
    private static final String BASE_URL = "baseUrl";
    private static final String STUB = "stub";
    private static final String TARGET_METRICS = "targetMetrics";

    private LoadTestTarget() {}

    /**
     * A base URL the user configured, and the setting that named it.
     *
     * @param baseUrl the base URL, for example {@code http://127.0.0.1:8089}
     * @param source the setting, for example {@code environment variable BASE_URL}
     * @since 0.1
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Configured(URI baseUrl, String source) {}

    /**
     * The base URL the user configured for this test, if any: the system property
     * {@value LoadTest#BASE_URL_PROPERTY_NAME}, else the environment variable
     * {@value LoadTest#BASE_URL_ENVIRONMENT_VARIABLE}, else the configuration parameter
     * {@value LoadTest#BASE_URL_PROPERTY_NAME}; the first that is set wins, as it does for the load
     * tests themselves. A published base URL and {@link LoadTest#baseUrl()} are not the user's and
     * are not returned.
     *
     * @param context any context of the run
     * @return the configured base URL, or empty when none is set
     * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException when the setting that
     *     wins is not an absolute http or https URL; the message names the setting
     * @since 0.1
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static Optional<Configured> configuredBaseUrl(ExtensionContext context) {
        return Settings.lookup().configuredBaseUrl(context);
    }

    /**
     * How the engine reads the settings a user configured; the engine provides the one
     * implementation, so that {@link #configuredBaseUrl} and the load tests read the same chain.
     * Not for users to implement.
     *
     * @since 0.2
     */
    @API(status = INTERNAL, since = "0.2")
    public interface SettingsLookup {

        /**
         * The base URL the user configured, by the engine's precedence.
         *
         * @param context any context of the run
         * @return the configured base URL, or empty when none is set
         */
        Optional<Configured> configuredBaseUrl(ExtensionContext context);
    }

    /** The engine's lookup, found once as a service of this library's jar. */
    private static final class Settings {

        private static volatile @Nullable SettingsLookup lookup;

        private Settings() {}

        static SettingsLookup lookup() {
            SettingsLookup found = lookup;
            if (found == null) {
                found = load();
                lookup = found;
            }
            return found;
        }

        /** The engine's own provider: the one from this class's jar, should another jar offer one too. */
        private static SettingsLookup load() {
            SettingsLookup first = null;
            try {
                for (SettingsLookup candidate :
                        ServiceLoader.load(SettingsLookup.class, LoadTestTarget.class.getClassLoader())) {
                    if (sameJar(candidate.getClass())) {
                        return candidate;
                    }
                    first = first == null ? candidate : first;
                }
            } catch (ServiceConfigurationError broken) {
                throw new IllegalStateException(missing() + " (" + broken.getMessage() + ")", broken);
            }
            if (first == null) {
                throw new IllegalStateException(missing());
            }
            return first;
        }

        private static boolean sameJar(Class<?> type) {
            java.security.CodeSource mine =
                    LoadTestTarget.class.getProtectionDomain().getCodeSource();
            java.security.CodeSource theirs = type.getProtectionDomain().getCodeSource();
            return mine != null
                    && theirs != null
                    && mine.getLocation() != null
                    && mine.getLocation().equals(theirs.getLocation());
        }

        private static String missing() {
            return "the load test engine's " + SettingsLookup.class.getName() + " service could not be loaded: the"
                    + " jar's META-INF/services entry is missing or broken (a shaded or merged jar must keep the"
                    + " service files of junit-loadtest-extension)";
        }
    }

    /**
     * Publishes the base URL for load tests in this context and below.
     *
     * @param context usually a class-level context, from {@code beforeAll}
     * @param baseUrl an absolute http or https URL, for example {@code http://127.0.0.1:8089}
     */
    public static void publishBaseUrl(ExtensionContext context, URI baseUrl) {
        publish(context, baseUrl, false);
    }

    /**
     * Publishes the base URL of a stub, such as an embedded WireMock server, for load tests in this
     * context and below. The reports then name the target an embedded stub and never offer approval
     * for production; a base URL set by the user still comes first, and is not taken for a stub.
     *
     * @param context usually a class-level context, from {@code beforeAll}
     * @param baseUrl an absolute http or https URL, for example {@code http://127.0.0.1:8089}
     * @since 0.1
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static void publishStubBaseUrl(ExtensionContext context, URI baseUrl) {
        publish(context, baseUrl, true);
    }

    /**
     * Publishes the target's own Prometheus or OpenMetrics endpoint for load tests in this context and
     * below, as a stub that exposes its process metrics does, so that the results show what the target
     * used ({@link LoadTest#TARGET_METRICS_PROPERTY_NAME}); an endpoint set by the user still comes first.
     *
     * @param context usually a class-level context, from {@code beforeAll}
     * @param metrics an absolute http or https URL, for example {@code http://127.0.0.1:8089/metrics}
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public static void publishTargetMetrics(ExtensionContext context, URI metrics) {
        context.getStore(NAMESPACE).put(TARGET_METRICS, metrics.toString());
    }

    /**
     * The target metrics endpoint published for this context, if any; for the engine.
     *
     * @param context the test's context
     * @return the nearest publication, or empty when none was made
     * @since 0.2
     */
    @API(status = INTERNAL, since = "0.2")
    public static Optional<String> publishedTargetMetrics(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(TARGET_METRICS, String.class));
    }

    private static void publish(ExtensionContext context, URI baseUrl, boolean stub) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(BASE_URL, baseUrl.toString());
        store.put(STUB, stub);
    }

    /**
     * The base URL published for this context, if any, and whether it is a stub's; for the engine.
     *
     * @param context the test's context
     * @return the nearest publication, or empty when none was made
     * @since 0.2
     */
    @API(status = INTERNAL, since = "0.2")
    public static Optional<Published> published(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(BASE_URL, String.class))
                .map(url -> new Published(
                        url, Boolean.TRUE.equals(context.getStore(NAMESPACE).get(STUB, Boolean.class))));
    }

    /**
     * A published base URL.
     *
     * @param baseUrl as published
     * @param stub whether it is a stub's
     * @since 0.2
     */
    @API(status = INTERNAL, since = "0.2")
    public record Published(String baseUrl, boolean stub) {}
}
