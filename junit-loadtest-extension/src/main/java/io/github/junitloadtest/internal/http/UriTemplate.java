package io.github.junitloadtest.internal.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Expands {@code {name}} placeholders in order and names requests by their template. */
final class UriTemplate {

    private UriTemplate() {}

    static String expand(String template, Object... variables) {
        StringBuilder expanded = new StringBuilder(template.length() + 32);
        int used = 0;
        int position = 0;
        while (position < template.length()) {
            int open = template.indexOf('{', position);
            if (open < 0) {
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                break;
            }
            if (used == variables.length) {
                throw new IllegalArgumentException("path template [" + template + "] has more placeholders than the "
                        + variables.length + " variable(s) given");
            }
            expanded.append(template, position, open).append(encode(String.valueOf(variables[used++])));
            position = close + 1;
        }
        if (used < variables.length) {
            throw new IllegalArgumentException("path template [" + template + "] has " + used + " placeholder(s) but "
                    + variables.length + " variable(s) were given");
        }
        return expanded.append(template, position, template.length()).toString();
    }

    /** The template's path without scheme, host or query: {@code "/api/templates/{slug}"}. */
    static String pathOf(String template) {
        String path = template;
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    static boolean isAbsolute(String template) {
        return template.regionMatches(true, 0, "http://", 0, 7) || template.regionMatches(true, 0, "https://", 0, 8);
    }

    /** A value URL-encoded for a path or a query, a space as {@code %20}. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
