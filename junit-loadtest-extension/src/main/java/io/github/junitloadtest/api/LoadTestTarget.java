package io.github.junitloadtest.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.util.Optional;
import org.apiguardian.api.API;
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

    private LoadTestTarget() {}

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

    private static void publish(ExtensionContext context, URI baseUrl, boolean stub) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(BASE_URL, baseUrl.toString());
        store.put(STUB, stub);
    }

    static Optional<String> publishedBaseUrl(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(BASE_URL, String.class));
    }

    /** Whether the published base URL, if any, is a stub's; the nearest publication decides. */
    static boolean publishedIsStub(ExtensionContext context) {
        return Boolean.TRUE.equals(context.getStore(NAMESPACE).get(STUB, Boolean.class));
    }
}
