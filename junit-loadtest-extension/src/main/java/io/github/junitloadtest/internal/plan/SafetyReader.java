package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadTest;
import io.github.junitloadtest.internal.plan.OutsideSettings.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what keeps a run safe: the hosts it may reach, its request cap, the body cap, TLS and secret headers. */
final class SafetyReader {

    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d{1,10})\\s*(|B|KiB|MiB)");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9._-]+|\\[[0-9a-f:.]+\\]");

    private SafetyReader() {}

    static LoadPlan.Safety read(LoadTest annotation, OutsideSettings outside, ConfigurationProblems problems) {
        List<String> hosts = new ArrayList<>();
        for (String host : annotation.allowedHosts()) {
            allowedHost(host, "@LoadTest on method " + problems.where + " attribute 'allowedHosts'", problems)
                    .ifPresent(hosts::add);
        }
        outside.get(LoadTest.ALLOWED_HOSTS_PROPERTY_NAME).ifPresent(list -> {
            for (String host : list.value().split(",", -1)) {
                if (!host.isBlank()) {
                    allowedHost(host, list.named(), problems).ifPresent(hosts::add);
                }
            }
        });
        return new LoadPlan.Safety(
                hosts,
                maxRequests(annotation, outside, problems),
                maxBodyBytes(outside, problems),
                outside.flag(LoadTest.INSECURE_TLS_PROPERTY_NAME, false, problems),
                secretHeaders(outside, problems));
    }

    private static long maxRequests(LoadTest annotation, OutsideSettings outside, ConfigurationProblems problems) {
        long maxRequests = annotation.maxRequests();
        if (maxRequests < 0) {
            problems.add(
                    "@LoadTest on method %s must declare a 'maxRequests' of 0 (no cap) or more, but was [%d];"
                            + " for example maxRequests = 5000.",
                    problems.where, maxRequests);
            maxRequests = 0;
        }
        Optional<Setting> cap = outside.get(LoadTest.MAX_REQUESTS_PROPERTY_NAME);
        if (cap.isPresent()) {
            long parsed = -1;
            try {
                parsed = Long.parseLong(cap.get().value().strip());
            } catch (NumberFormatException notANumber) {
                // reported below with the value as given
            }
            if (parsed < 1) {
                problems.add(
                        "%s must be a whole number of at least 1, but was [\"%s\"]; for example 10000.",
                        cap.get().named(), cap.get().value());
            } else {
                maxRequests = maxRequests == 0 ? parsed : Math.min(maxRequests, parsed);
            }
        }
        return maxRequests;
    }

    private static int maxBodyBytes(OutsideSettings outside, ConfigurationProblems problems) {
        Optional<Setting> bodySize = outside.get(LoadTest.MAX_BODY_SIZE_PROPERTY_NAME);
        if (bodySize.isEmpty()) {
            return LoadPlan.Safety.DEFAULT_MAX_BODY_BYTES;
        }
        OptionalInt bytes = byteSize(bodySize.get().value());
        if (bytes.isEmpty()) {
            problems.add(
                    "%s must be a size from 0 bytes to 1024MiB, as bytes or with KiB or MiB, but was [\"%s\"];"
                            + " for example \"4MiB\".",
                    bodySize.get().named(), bodySize.get().value());
            return LoadPlan.Safety.DEFAULT_MAX_BODY_BYTES;
        }
        return bytes.getAsInt();
    }

    private static Set<String> secretHeaders(OutsideSettings outside, ConfigurationProblems problems) {
        Set<String> secretHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        outside.get(LoadTest.SECRET_HEADERS_PROPERTY_NAME).ifPresent(list -> {
            for (String header : list.value().split(",", -1)) {
                String name = header.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (!HEADER_NAME.matcher(name).matches()) {
                    problems.add(
                            "%s must list header names separated by commas, but has [\"%s\"]; for example"
                                    + " \"X-Api-Key,X-Session\".",
                            list.named(), name);
                } else {
                    secretHeaders.add(name);
                }
            }
        });
        return secretHeaders;
    }

    private static Optional<String> allowedHost(String host, String source, ConfigurationProblems problems) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
            // A bare IPv6 address; URIs give their host in brackets.
            name = "[" + name + "]";
        }
        if (name.equals("*") || HOST.matcher(name).matches()) {
            return Optional.of(name);
        }
        problems.add(
                "%s must list host names (no scheme, port or path), '*.domain' or '*', but has [\"%s\"];"
                        + " for example \"auth.example.com\".",
                source, host);
        return Optional.empty();
    }

    /** Bytes, KiB or MiB, up to 1 GiB. */
    static OptionalInt byteSize(String text) {
        Matcher matcher = BYTE_SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            return OptionalInt.empty();
        }
        long unit = switch (matcher.group(2)) {
            case "KiB" -> 1024;
            case "MiB" -> 1024 * 1024;
            default -> 1;
        };
        long bytes = Long.parseLong(matcher.group(1)) * unit;
        return bytes <= (1 << 30) ? OptionalInt.of((int) bytes) : OptionalInt.empty();
    }
}
