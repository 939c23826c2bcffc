package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.plan.LoadPlan;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Checks, before any load, that the base URL's host can be resolved, so a typo fails in a second, not after the run. */
public final class TargetCheck {

    private TargetCheck() {}

    /**
     * Resolves the base URL's host, if the plan has one.
     *
     * @param plan the plan
     * @param methodDescription the test method, for the message
     * @throws ExtensionConfigurationException when the host cannot be resolved
     */
    public static void requireResolvableHost(LoadPlan plan, String methodDescription) {
        if (plan.baseUrl().isEmpty()) {
            return;
        }
        URI baseUrl = plan.baseUrl().get();
        String host = baseUrl.getHost();
        if (HostPolicy.isLoopback(host.toLowerCase(Locale.ROOT))) {
            return;
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException unresolved) {
            String url = new Redaction(plan.safety().secretHeaders()).url(baseUrl.toString());
            throw new ExtensionConfigurationException("Configuration error: @LoadTest on method " + methodDescription
                    + " has the base URL [\"" + url + "\"], whose host " + host + " cannot be resolved ("
                    + unresolved.getClass().getSimpleName() + "); nothing was sent. Check the URL and this machine's"
                    + " DNS; for example \"https://staging.example.com\".", unresolved);
        }
    }
}
