package io.github.junitloadtest.factory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Aims a scenario class at the factory API: a real deployment when the user names one, else the
 * embedded stub, started once and shared by every class of the run. The user names one the way
 * every load test reads it (the system property {@code loadtest.baseUrl}, else {@code BASE_URL},
 * else the configuration parameter {@code loadtest.baseUrl}, see
 * {@link LoadTestTarget#configuredBaseUrl}), or with {@value #BASE_URL_PROPERTY_NAME}, which names
 * the same thing for this suite and must agree with any of them that is set. The target printed is
 * the target loaded. Test methods and {@code @BeforeAll} methods can take a
 * {@link FactoryTarget.Target} parameter.
 */
public final class FactoryTarget implements BeforeAllCallback, ParameterResolver {

    /** System property naming a real deployment for this suite: {@value}. */
    public static final String BASE_URL_PROPERTY_NAME = "factory.baseUrl";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FactoryTarget.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where the scenario's requests go.
     *
     * @param baseUrl the factory's base URL, without a trailing slash
     * @param stub whether it is the embedded stub rather than a real deployment
     * @param source the setting that named it, for example {@code environment variable BASE_URL},
     *     or {@code no base URL set} for the stub
     */
    public record Target(URI baseUrl, boolean stub, String source) {
        /** The slugs of the live templates list, so detail requests ask for templates that exist. */
        public List<String> templateSlugs() {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            URI list = URI.create(baseUrl + "/api/public/factory/templates");
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(list)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + masked(list.toString()) + " returned "
                            + response.statusCode() + "; cannot choose template slugs");
                }
                List<String> slugs = new ArrayList<>();
                JsonNode body = JSON.readTree(response.body());
                body.path("templates")
                        .forEach(template -> slugs.add(template.path("slug").asText()));
                if (slugs.isEmpty()) {
                    throw new IllegalStateException(
                            "GET " + masked(list.toString()) + " listed no templates; cannot choose slugs");
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
            // The stub serves its process metrics as a service's actuator would: the results show them.
            LoadTestTarget.publishTargetMetrics(context, URI.create(target.baseUrl() + StubMetrics.PATH));
        } else if (LoadTestTarget.configuredBaseUrl(context).isEmpty()) {
            // Named by factory.baseUrl alone; a configured base URL reaches the load tests by itself.
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
        Target target = namedTarget(context).orElseGet(() -> {
            FactoryStub stub = FactoryStub.startWarmedUp();
            root.put(FactoryStub.class, stub); // closed by JUnit with the root context
            return new Target(stub.baseUrl(), true, "no base URL set");
        });
        root.put(Target.class, target);
        System.out.println("\n  factory target: " + shown(target.baseUrl())
                + (target.stub() ? " (embedded WireMock stub, " : " (real deployment, named by ") + target.source()
                + ")");
        return target;
    }

    /** The target the user named, if any; two settings that name different targets are an error. */
    private static Optional<Target> namedTarget(ExtensionContext context) {
        String alias = System.getProperty(BASE_URL_PROPERTY_NAME);
        String aliasSource = "system property '" + BASE_URL_PROPERTY_NAME + "'";
        Optional<Target> own = alias == null || alias.isBlank()
                ? Optional.empty()
                : Optional.of(new Target(parse(aliasSource, alias.strip()), false, aliasSource));
        Optional<Target> configured = LoadTestTarget.configuredBaseUrl(context)
                .map(url -> new Target(withoutTrailingSlash(url.baseUrl()), false, url.source()));
        if (own.isPresent()
                && configured.isPresent()
                && !own.get().baseUrl().equals(configured.get().baseUrl())) {
            throw new ExtensionConfigurationException("Configuration error: " + aliasSource + " names [\""
                    + masked(alias.strip()) + "\"] but " + configured.get().source() + " names [\""
                    + masked(configured.get().baseUrl().toString()) + "\"], and the load tests would go to the"
                    + " second; nothing was sent. Name one target, for example only -D" + BASE_URL_PROPERTY_NAME
                    + "=https://factory.example.com, or give both the same URL.");
        }
        return configured.or(() -> own);
    }

    /** Scheme, host, port and path only: user-info or a query could carry credentials. */
    private static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static URI withoutTrailingSlash(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }

    private static URI parse(String source, String value) {
        try {
            URI uri = withoutTrailingSlash(new URI(value));
            if (uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
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
