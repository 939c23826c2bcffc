package io.github.junitloadtest.internal.plan;

import io.github.junitloadtest.api.LoadHeader;
import io.github.junitloadtest.api.LoadTest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Reads the headers sent with every request of a test: {@link LoadHeader} on the class, then on the
 * method, then {@value LoadTest#HEADERS_PROPERTY_NAME}, each winning over the one before for a name.
 */
final class HeaderReader {

    private static final Pattern ENVIRONMENT = Pattern.compile("\\$\\{env:([^}]*)}");

    private static final String EXAMPLE = "\"Authorization: Bearer ${env:API_TOKEN} | X-Tenant: acme\"";

    private HeaderReader() {}

    static List<LoadPlan.Header> read(
            Class<?> testClass, Method method, OutsideSettings outside, ConfigurationProblems problems) {
        Map<String, LoadPlan.Header> byName = new LinkedHashMap<>();
        for (LoadHeader header : AnnotationSupport.findRepeatableAnnotations(testClass, LoadHeader.class)) {
            annotated(header, "class " + testClass.getSimpleName(), outside, problems)
                    .ifPresent(read -> byName.put(key(read.name()), read));
        }
        for (LoadHeader header : AnnotationSupport.findRepeatableAnnotations(method, LoadHeader.class)) {
            annotated(header, "method " + problems.where, outside, problems)
                    .ifPresent(read -> byName.put(key(read.name()), read));
        }
        outside.get(LoadTest.HEADERS_PROPERTY_NAME, Optional.of(LoadTest.HEADERS_ENVIRONMENT_VARIABLE))
                .ifPresent(setting -> {
                    for (String entry : setting.value().split("[|\\r\\n]", -1)) {
                        if (entry.isBlank()) {
                            continue;
                        }
                        int colon = entry.indexOf(':');
                        if (colon <= 0) {
                            problems.add(
                                    "%s must give headers as Name: value, apart by | or a new line, but [\"%s\"]"
                                            + " has no name before a ':'; for example %s.",
                                    setting.named(), entry.strip(), EXAMPLE);
                            continue;
                        }
                        String name = entry.substring(0, colon).strip();
                        header(name, entry.substring(colon + 1).strip(), setting.named(), outside, problems)
                                .ifPresent(read -> byName.put(key(read.name()), read));
                    }
                });
        return List.copyOf(byName.values());
    }

    private static Optional<LoadPlan.Header> annotated(
            LoadHeader header, String where, OutsideSettings outside, ConfigurationProblems problems) {
        return header(header.name(), header.value(), "@LoadHeader on " + where, outside, problems);
    }

    /**
     * One header, checked as the JDK's request builder checks it, its {@code ${env:NAME}} read.
     *
     * @param source where it was given, at the start of a sentence
     */
    private static Optional<LoadPlan.Header> header(
            String name, String value, String source, OutsideSettings outside, ConfigurationProblems problems) {
        Optional<String> problem = LoadPlan.Header.problemWithName(name);
        if (problem.isPresent()) {
            problems.add("%s names a header [\"%s\"] that %s; for example %s.", source, name, problem.get(), EXAMPLE);
            return Optional.empty();
        }
        Matcher variables = ENVIRONMENT.matcher(value);
        StringBuilder expanded = new StringBuilder();
        boolean fromEnvironment = false;
        boolean valid = true;
        while (variables.find()) {
            String variable = variables.group(1);
            Optional<String> set = outside.environmentVariable(variable);
            if (set.isEmpty()) {
                problems.add(
                        "%s gives header %s the environment variable [\"%s\"], which is not set; set it, or give"
                                + " the value itself.",
                        source, name, variable);
                valid = false;
                continue;
            }
            variables.appendReplacement(expanded, Matcher.quoteReplacement(set.get()));
            fromEnvironment = true;
        }
        variables.appendTail(expanded);
        String text = expanded.toString();
        if (LoadPlan.Header.breaksTheLine(text)) {
            // Not quoted: the value may be a secret.
            problems.add("%s gives header %s a value with a line break, which HTTP does not allow.", source, name);
            valid = false;
        }
        return valid ? Optional.of(new LoadPlan.Header(name, text, source, fromEnvironment)) : Optional.empty();
    }

    /** Header names are case-insensitive. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The names of headers whose values came from the environment: redacted like secret headers. */
    static List<String> secretNames(List<LoadPlan.Header> headers) {
        List<String> names = new ArrayList<>();
        for (LoadPlan.Header header : headers) {
            if (header.fromEnvironment()) {
                names.add(header.name());
            }
        }
        return names;
    }
}
