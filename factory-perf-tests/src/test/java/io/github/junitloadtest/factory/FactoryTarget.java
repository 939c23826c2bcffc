package io.github.junitloadtest.factory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.api.LoadTestTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Aims a scenario class at the factory API: a real deployment when {@value #BASE_URL_PROPERTY_NAME},
 * {@code BASE_URL} or {@code loadtest.baseUrl} names one, else the embedded stub, started once and
 * shared by every class of the run. Test methods and {@code @BeforeAll} methods can take a
 * {@link FactoryTarget.Target} parameter.
 */
public final class FactoryTarget implements BeforeAllCallback, ParameterResolver {

    /** System property naming a real deployment: {@value}. */
    public static final String BASE_URL_PROPERTY_NAME = "factory.baseUrl";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FactoryTarget.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where the scenario's requests go.
     *
     * @param baseUrl the factory's base URL
     * @param stub whether it is the embedded stub rather than a real deployment
     */
    public record Target(URI baseUrl, boolean stub) {

        /** The slugs of the live templates list, so detail requests ask for templates that exist. */
        public List<String> templateSlugs() {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI list = URI.create(baseUrl + "/api/public/factory/templates");
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(list)
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + masked(list.toString()) + " returned " + response.statusCode()
                            + "; cannot choose template slugs");
                }
                List<String> slugs = new ArrayList<>();
                JsonNode body = JSON.readTree(response.body());
                body.path("templates").forEach(template -> slugs.add(template.path("slug").asText()));
                if (slugs.isEmpty()) {
                    throw new IllegalStateException("GET " + masked(list.toString()) + " listed no templates; cannot choose slugs");
                }
                return List.copyOf(slugs);
            } catch (IOException e) {
                throw new IllegalStateException("could not read the templates list at " + masked(list.toString()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the templates list", e);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Target target = targetOf(context);
        if (target.stub()) {
            LoadTestTarget.publishStubBaseUrl(context, target.baseUrl());
        } else {
            LoadTestTarget.publishBaseUrl(context, target.baseUrl());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Target.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return targetOf(extensionContext);
    }

    private static Target targetOf(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        Target known = root.get(Target.class, Target.class);
        if (known != null) {
            return known;
        }
        Target target = externalBaseUrl(context).map(url -> new Target(url, false)).orElseGet(() -> {
            FactoryStub stub = FactoryStub.startWarmedUp();
            root.put(FactoryStub.class, stub); // closed by JUnit with the root context
            return new Target(stub.baseUrl(), true);
        });
        root.put(Target.class, target);
        URI shown = target.baseUrl();
        // Scheme, host, port and path only: user-info or a query could carry credentials.
        System.out.println("\n  factory target: " + shown.getScheme() + "://" + shown.getHost()
                + (shown.getPort() < 0 ? "" : ":" + shown.getPort()) + (shown.getRawPath() == null ? "" : shown.getRawPath())
                + (target.stub() ? " (embedded WireMock stub)" : " (real deployment)"));
        return target;
    }

    private static Optional<URI> externalBaseUrl(ExtensionContext context) {
        String[][] sources = {
            {"system property '" + BASE_URL_PROPERTY_NAME + "'", System.getProperty(BASE_URL_PROPERTY_NAME)},
            {"environment variable BASE_URL", System.getenv(LoadTest.BASE_URL_ENVIRONMENT_VARIABLE)},
            {"system property '" + LoadTest.BASE_URL_PROPERTY_NAME + "'", System.getProperty(LoadTest.BASE_URL_PROPERTY_NAME)},
            {"configuration parameter '" + LoadTest.BASE_URL_PROPERTY_NAME + "'",
                context.getConfigurationParameter(LoadTest.BASE_URL_PROPERTY_NAME).orElse(null)},
        };
        for (String[] source : sources) {
            if (source[1] != null && !source[1].isBlank()) {
                return Optional.of(parse(source[0], source[1].strip()));
            }
        }
        return Optional.empty();
    }

    private static URI parse(String source, String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return uri;
            }
        } catch (java.net.URISyntaxException invalid) {
            // reported below
        }
        throw new ExtensionConfigurationException("Configuration error: " + source + " must be an absolute http or"
                + " https URL, but was [\"" + masked(value) + "\"]; for example \"https://factory.example.com\".");
    }

    /** A URL with its user-info masked: credentials never reach a message or the console. */
    static String masked(String url) {
        return url.replaceAll("(?i)^([a-z][a-z0-9+.-]*://)[^/?#\\s]*@", "$1***@");
    }
}
