package io.github.junitloadtest.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.junitloadtest.api.LoadRequest;
import io.github.junitloadtest.api.LoadResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A request of any method built step by step, sent through its {@link DefaultLoadHttp}. */
final class DefaultLoadRequest implements LoadRequest {

    private final DefaultLoadHttp http;
    private final String method;
    private final String pathTemplate;
    private final Object[] variables;
    private final List<String[]> headers = new ArrayList<>();
    private final StringBuilder query = new StringBuilder();
    private String name;
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    private String bodyType = "";

    DefaultLoadRequest(DefaultLoadHttp http, String method, String pathTemplate, Object[] variables) {
        if (method.isBlank()
                || !method.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            throw new IllegalArgumentException(
                    "an HTTP method is a token such as \"POST\", but was [\"" + method + "\"]");
        }
        this.http = http;
        this.method = method.toUpperCase(Locale.ROOT);
        this.pathTemplate = pathTemplate;
        this.variables = variables.clone();
        this.name = this.method + " " + UriTemplate.pathOf(pathTemplate);
    }

    @Override
    public LoadRequest header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    @Override
    public LoadRequest query(String name, Object value) {
        query.append(query.length() == 0 ? "" : "&")
                .append(UriTemplate.encode(name))
                .append('=')
                .append(UriTemplate.encode(String.valueOf(value)));
        return this;
    }

    @Override
    public LoadRequest named(String name) {
        this.name = name;
        return this;
    }

    @Override
    public LoadRequest body(String text) {
        return body(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8), "text/plain; charset=UTF-8");
    }

    @Override
    public LoadRequest body(byte[] bytes) {
        return body(HttpRequest.BodyPublishers.ofByteArray(bytes.clone()), "application/octet-stream");
    }

    @Override
    public LoadRequest json(Object value) {
        try {
            return body(
                    HttpRequest.BodyPublishers.ofByteArray(DefaultLoadResponse.JSON.writeValueAsBytes(value)),
                    "application/json");
        } catch (JsonProcessingException notJson) {
            throw new IllegalArgumentException(
                    "the body of " + name + " could not be written as JSON: " + notJson.getOriginalMessage(), notJson);
        }
    }

    private LoadRequest body(HttpRequest.BodyPublisher publisher, String type) {
        this.body = publisher;
        this.bodyType = type;
        return this;
    }

    @Override
    public LoadResponse send() {
        URI uri = http.uri(pathTemplate, variables);
        if (query.length() > 0) {
            String raw = uri.toString();
            int fragment = raw.indexOf('#');
            String base = fragment < 0 ? raw : raw.substring(0, fragment);
            uri = URI.create(base + (uri.getRawQuery() == null ? "?" : "&") + query);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(method, body);
        boolean typed = false;
        for (String[] header : headers) {
            builder.header(header[0], header[1]);
            typed |= header[0].equalsIgnoreCase("Content-Type");
        }
        for (String[] header : http.defaultHeaders()) {
            if (headers.stream().noneMatch(own -> own[0].equalsIgnoreCase(header[0]))) {
                builder.header(header[0], header[1]);
                typed |= header[0].equalsIgnoreCase("Content-Type");
            }
        }
        if (!typed && !bodyType.isEmpty()) {
            builder.header("Content-Type", bodyType);
        }
        return http.send(name, builder.build());
    }
}
