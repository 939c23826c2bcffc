package io.github.junitloadtest.internal.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which hosts load may go to: the base URL's host, loopback, and the hosts a test allows
 * explicitly. Decided from the URL alone, before any name is resolved or connection made.
 */
final class HostPolicy {

    /** Hosts decided so far; a run meets few, and past this many the decision is simply not remembered. */
    private static final int MAX_REMEMBERED = 256;

    private final List<String> allowed;
    private final Map<String, Boolean> decided = new ConcurrentHashMap<>();

    private HostPolicy(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * The policy of one test.
     *
     * @param baseUrl the base URL, whose host is allowed
     * @param extra names, {@code *.domain} or {@code *}, lower case
     * @return the policy
     */
    static HostPolicy of(Optional<URI> baseUrl, List<String> extra) {
        List<String> allowed = new ArrayList<>();
        baseUrl.map(URI::getHost).map(host -> host.toLowerCase(Locale.ROOT)).ifPresent(allowed::add);
        allowed.addAll(extra);
        return new HostPolicy(allowed);
    }

    /** Whether a request to this host may be sent; asked for every request, so remembered per host. */
    boolean allows(String host) {
        if (host == null) {
            return false;
        }
        Boolean known = decided.get(host);
        if (known != null) {
            return known;
        }
        boolean allows = decide(host.toLowerCase(Locale.ROOT));
        if (decided.size() < MAX_REMEMBERED) {
            decided.put(host, allows);
        }
        return allows;
    }

    private boolean decide(String name) {
        if (isLoopback(name)) {
            return true;
        }
        for (String entry : allowed) {
            if (entry.equals("*")
                    || entry.equals(name)
                    || (entry.startsWith("*.") && name.endsWith(entry.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    /** The allowed hosts in words, for messages. */
    String describe() {
        List<String> words = new ArrayList<>(allowed);
        words.add("loopback");
        return String.join(", ", words);
    }

    /** {@code localhost}, {@code 127.x.y.z} or {@code [::1]}, by their text alone. */
    static boolean isLoopback(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]") || host.equals("::1")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
