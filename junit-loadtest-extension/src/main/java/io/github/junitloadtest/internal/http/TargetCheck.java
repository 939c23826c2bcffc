package io.github.junitloadtest.internal.http;

import io.github.junitloadtest.internal.format.Redaction;
import io.github.junitloadtest.internal.plan.LoadPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Checks, before any load, that the base URL's host can be resolved and that its port accepts a
 * connection, so a typo or a wrong port fails in a second, naming them, not after a run of nothing
 * but connection errors.
 */
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
            throw new ExtensionConfigurationException(
                    "Configuration error: @LoadTest on method " + methodDescription
                            + " has the base URL [\"" + url + "\"], whose host " + host + " cannot be resolved ("
                            + unresolved.getClass().getSimpleName()
                            + "); nothing was sent. Check the URL and this machine's"
                            + " DNS; for example \"https://staging.example.com\".",
                    unresolved);
        }
    }

    /** The longest the connect check waits for the port to accept. */
    static final Duration CONNECT_CHECK_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Opens and closes one TCP connection to the base URL's host and port; no request is sent.
     *
     * @param plan the plan
     * @param methodDescription the test method, for the message
     * @throws ExtensionConfigurationException when nothing accepts the connection
     */
    public static void requireAcceptingPort(LoadPlan plan, String methodDescription) {
        if (plan.baseUrl().isEmpty()) {
            return;
        }
        URI baseUrl = plan.baseUrl().get();
        int port =
                baseUrl.getPort() >= 0 ? baseUrl.getPort() : "https".equalsIgnoreCase(baseUrl.getScheme()) ? 443 : 80;
        long timeoutMillis = Math.min(
                CONNECT_CHECK_TIMEOUT.toMillis(), Math.max(1, plan.timeout().toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(baseUrl.getHost(), port), (int) timeoutMillis);
        } catch (IOException refused) {
            String url = new Redaction(plan.safety().secretHeaders()).url(baseUrl.toString());
            throw new ExtensionConfigurationException(
                    "Configuration error: @LoadTest on method " + methodDescription
                            + " has the base URL [\"" + url + "\"], but nothing accepted a connection at "
                            + baseUrl.getHost()
                            + ":" + port + " within " + timeoutMillis + " ms ("
                            + refused.getClass().getSimpleName()
                            + (refused.getMessage() == null ? "" : ": " + refused.getMessage()) + "); nothing was sent."
                            + " Start the service or check the host and port; for example \"http://localhost:8080\".",
                    refused);
        }
    }
}
