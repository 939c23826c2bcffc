package io.github.junitloadtest.internal.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes secrets from text bound for output: credentials in URLs ({@code https://user:pass@host}),
 * token-like query parameters, the values of credential headers and bearer tokens. Applied to
 * everything a run writes, so reports can be uploaded as CI artifacts.
 */
public final class Redaction {

    /** What replaces a secret: {@value}. */
    public static final String MASK = "***";

    /** Headers whose values are always secret. */
    public static final Set<String> ALWAYS_SECRET_HEADERS =
            Set.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie");

    /** Redacts the built-in secrets only. */
    public static final Redaction DEFAULT = new Redaction(Set.of());

    // Greedy to the last '@' before the path, so a password holding an '@' is masked whole.
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#\\s\"'<>]*@");
    private static final String SECRET_NAME = "[a-z0-9_.-]*(?:token|secret|password|passwd|pwd|pass|key|signature|sig"
            + "|credential|session(?:id)?|auth|code|jwt)";
    private static final Pattern TOKEN_PARAMETER = Pattern.compile("(?i)([?&;#]" + SECRET_NAME + "=)[^&#\\s\"'<>]*");
    // "refresh_token": "…" in a JSON body quoted by a check.
    private static final Pattern JSON_SECRET = Pattern.compile("(?i)(\"[a-z0-9_.-]*(?:token|secret|password|passwd|pwd"
            + "|api[_-]?key|apikey|private[_-]?key|access[_-]?key|credential|session(?:id)?|jwt)\"\\s*:\\s*\")[^\"]*");
    private static final Pattern SCHEME_TOKEN =
            Pattern.compile("(?i)\\b(Bearer|Basic|Digest)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

    // A whole value known to be a URL: everything between the scheme and the last '@' before the path,
    // spaces included, since a password that breaks the URL's syntax is the one most likely quoted.
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)^(\\s*[a-z][a-z0-9+.-]*://)[^/]*@");

    private final Pattern headers;

    /**
     * A redaction of the built-in secrets and these headers' values.
     *
     * @param secretHeaders more header names, matched regardless of case
     */
    public Redaction(Collection<String> secretHeaders) {
        List<String> names = new ArrayList<>(ALWAYS_SECRET_HEADERS);
        names.addAll(secretHeaders);
        String alternatives = names.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        // "Name: value", "Name=value" or "Name": "value", up to the end of the line or a quote.
        this.headers = Pattern.compile("(?i)(?<![A-Za-z0-9-])(" + alternatives + ")(\"?\\s*[:=]\\s*\"?)[^\\r\\n\"']+");
    }

    /**
     * A value known to be a URL, such as a configured base URL, with its user-info masked even when
     * it is not valid URL syntax, and every other secret it holds masked.
     *
     * @param url the value
     * @return the redacted value
     */
    public String url(String url) {
        return text(URL_USER_INFO.matcher(url).replaceFirst("$1" + Matcher.quoteReplacement(MASK) + "@"));
    }

    /**
     * The text with every secret it holds masked.
     *
     * @param text any text, possibly null
     * @return the redacted text; null for null
     */
    public String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = USER_INFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        redacted = TOKEN_PARAMETER.matcher(redacted).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        redacted = JSON_SECRET.matcher(redacted).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        redacted = headers.matcher(redacted).replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
        redacted = SCHEME_TOKEN.matcher(redacted).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        return JWT.matcher(redacted).replaceAll(Matcher.quoteReplacement(MASK));
    }
}
